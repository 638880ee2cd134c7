package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;

/** An error that quotes what was typed stays one line, with newlines and control characters made visible. */
@CommandTest
class OneLineErrorsTest {

    @Test
    void aQuotedNewlineOrEscapeInTheCommandIsShownEscaped() {
        try (ShellFixture shell = new ShellFixture()) {
            assertEquals("unknown command 'cor'pus load a\\nb'' (type 'help' for the list)", shell.fail("cor'pus load a\nb'"));
            assertEquals("unknown subcommand 'new' x\\x1b[31m\\ty'' for 'model'; it takes new, show (see 'help model')",
                    shell.fail("model new' x\u001b[31m\ty'"));
        }
    }

    @Test
    void aGlobThatDoesNotParseSaysWhatIsWrongWithoutJavasIndex() {
        try (ShellFixture shell = new ShellFixture()) {
            String error = shell.fail("corpus load \"corpora/[a*.txt\"");
            assertEquals("cannot read the glob corpora/[a*.txt: missing ']'; check its [ ] and { }", error);
        }
    }
}

package lstmsh.shell;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** "Did you mean" for options, subcommands and help topics, as the dispatcher words it. */
@CommandTest
class DidYouMeanTest {

    @Test
    void optionsAndSubcommandsGetSuggestionsToo() {
        try (ShellFixture shell = new ShellFixture()) {
            String option = shell.run("train --step 3").error();
            assertTrue(option.contains("unknown option '--step' for 'train'; did you mean '--steps'?"), option);
            String sub = shell.run("corpus laod corpora/tales.txt").error();
            assertTrue(sub.contains("unknown subcommand 'laod' for 'corpus'; did you mean 'corpus load'?"), sub);
            String none = shell.run("model frobnicate").error();
            assertTrue(none.contains("unknown subcommand 'frobnicate' for 'model'; it takes new, show"), none);
            String help = shell.run("help trian").error();
            assertTrue(help.contains("no command 'trian'; did you mean 'train'?"), help);
            assertFalse(help.contains("\n"));
        }
    }
}

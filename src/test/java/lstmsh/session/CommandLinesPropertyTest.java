package lstmsh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.util.List;

/**
 * Comments and ';' for any line: only a '#' or ';' outside quotes counts, and splitting loses
 * nothing. Commands are made of plain text (no ; # or quotes) and quoted strings holding anything
 * but their own quote.
 */
@Tag("core")
class CommandLinesPropertyTest {

    private static final String ANY = "ab c;#'\"\\$\t\u0000é😀";

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().withChars(ANY.toCharArray()).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> command() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("ab -=.\t\\$é".toCharArray()).ofMaxLength(8);
        Arbitrary<String> doubleQuoted = Arbitraries.strings().withChars("ab ;#'\\$".toCharArray()).ofMaxLength(8)
                .map(s -> "\"" + s + "\"");
        Arbitrary<String> singleQuoted = Arbitraries.strings().withChars("ab ;#\"\\$".toCharArray()).ofMaxLength(8)
                .map(s -> "'" + s + "'");
        return Arbitraries.oneOf(plain, plain, doubleQuoted, singleQuoted).list().ofMaxSize(6)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 2000, seed = "17")
    void splittingLosesNothing(@ForAll("anyText") String text) {
        assertEquals(text, String.join(";", CommandLines.splitCommands(text)));
        String stripped = CommandLines.stripComment(text);
        assertTrue(text.startsWith(stripped));
    }

    @Property(tries = 2000, seed = "17")
    void commandsSplitWhereTheyWereJoined(@ForAll("commands") List<String> commands) {
        assertEquals(commands, CommandLines.splitCommands(String.join(";", commands)));
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return command().list().ofMinSize(1).ofMaxSize(5);
    }

    /** A command's '#' are all inside quotes: none of it is a comment. */
    @Property(tries = 2000, seed = "17")
    void aCommentStartsOnlyAtAHashOutsideQuotesAfterABlank(@ForAll("command") String command, @ForAll("anyText") String comment) {
        assertEquals(command, CommandLines.stripComment(command));
        assertEquals(command + " ", CommandLines.stripComment(command + " #" + comment));
        assertEquals("", CommandLines.stripComment("#" + comment));
    }
}

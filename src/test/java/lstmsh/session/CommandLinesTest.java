package lstmsh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class CommandLinesTest {

    @Test
    void commentsAreStrippedOutsideQuotes() {
        assertEquals("train --steps 3  ", CommandLines.stripComment("train --steps 3  # short run"));
        assertEquals("sample --prime \"#1 \"", CommandLines.stripComment("sample --prime \"#1 \""));
        assertEquals("", CommandLines.stripComment("# all comment"));
        assertEquals("echo a#b", CommandLines.stripComment("echo a#b"));
    }

    @Test
    void semicolonsSplitCommandsOutsideQuotes() {
        assertEquals(List.of("echo 'a; b'", " echo \"c;d\" ", " echo e"),
                CommandLines.splitCommands("echo 'a; b'; echo \"c;d\" ; echo e"));
        assertEquals(List.of("one", ""), CommandLines.splitCommands("one;"));
    }
}

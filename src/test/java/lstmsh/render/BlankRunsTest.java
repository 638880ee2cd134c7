package lstmsh.render;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

@CoreTest
class BlankRunsTest {

    private final StringBuilder printed = new StringBuilder();
    private final BlankRuns runs = new BlankRuns(printed::append);

    private void feed(String... pieces) {
        for (String p : pieces) {
            runs.accept(p, p);
        }
        runs.flush();
    }

    @Test
    void aLongRunOfNewlinesPrintsAsOneCountedLine() {
        String[] pieces = new String[62];
        pieces[0] = "The";
        java.util.Arrays.fill(pieces, 1, 61, "\n");
        pieces[61] = "End";
        feed(pieces);
        assertEquals("The\n\u23CE \u00D760\nEnd", printed.toString());
    }

    @Test
    void aParagraphBreakAndIndentationPrintAsTheyAre() {
        feed("a", "\n", "\n", "    ", "b", " ", "c");
        assertEquals("a\n\n    b c", printed.toString());
    }

    @Test
    void aRunAtTheEndIsShownToo() {
        feed("x", "\n", "\n", "\n", "\n", "\n");
        assertEquals("x\n\u23CE \u00D75\n", printed.toString());
    }
}

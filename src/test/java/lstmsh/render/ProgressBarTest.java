package lstmsh.render;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

@CoreTest
class ProgressBarTest {

    @Test
    void theLineShowsPhaseNameBarPercentAndAmount() {
        assertEquals("reading a.txt [#####---------------]  25%  1 of 4",
                ProgressBar.line("reading", "a.txt", 0.25, "1 of 4"));
        assertEquals("indexing b [--------------------]   0%  none", ProgressBar.line("indexing", "b", 0, "none"));
        assertEquals("indexing b [####################] 100%  all", ProgressBar.line("indexing", "b", 1, "all"));
    }

    @Test
    void aQuickTaskPrintsNothing() {
        StringWriter out = new StringWriter();
        try (ProgressBar bar = new ProgressBar(Console.plain(new PrintWriter(out, true)), "quick")) {
            bar.update("reading", 1, 2, () -> {
                throw new AssertionError("asked for the amount before the bar shows");
            });
        }
        assertEquals("", out.toString());
    }
}

package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TerminalTest;
import lstmsh.render.Console;
import lstmsh.render.LiveLine;
import lstmsh.render.PeriodicLiveLine;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Colours, NO_COLOR, and the live line pinned to the bottom row, on terminals of each kind. */
@TerminalTest
class TerminalRenderingTest {

    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private static Terminal xterm(ByteArrayOutputStream screen) throws Exception {
        // Writes straight to the stream (a pty-backed terminal would copy its output asynchronously).
        Terminal t = new ExternalTerminal("test", "xterm-256color", new PipedInputStream(new PipedOutputStream()),
                screen, StandardCharsets.UTF_8);
        t.setSize(new Size(80, 24));
        return t;
    }

    @Test
    void linesThatWarnOrFailAreColouredAsTheyAreWritten() throws Exception {
        StringWriter sink = new StringWriter();
        HighlightingWriter w = new HighlightingWriter(sink, Map.of("warning ", YELLOW, "error:", "\u001b[31m"));
        w.write("warning LOOP: the sample loops\nplain line\n  warning indented\n");
        w.write("err");
        w.write("or: split across writes\n");
        w.flush();
        assertEquals(YELLOW + "warning LOOP: the sample loops" + RESET + "\nplain line\n  warning indented\n"
                + "\u001b[31merror: split across writes" + RESET + "\n", sink.toString());

        // Streamed text is never held back past a flush, and a line decided plain stays plain.
        sink.getBuffer().setLength(0);
        w.write("w");
        w.flush();
        assertEquals("w", sink.toString());
        w.write("arning is just a word here\n");
        assertEquals("warning is just a word here\n", sink.toString());

        // A coloured line interrupted by a flush is reset meanwhile and coloured again after.
        sink.getBuffer().setLength(0);
        w.write("warning a");
        w.flush();
        assertTrue(sink.toString().endsWith(RESET), sink.toString());
        w.write(" b\n");
        assertEquals(YELLOW + "warning a" + RESET + YELLOW + " b" + RESET + "\n", sink.toString());
    }

    @Test
    void coloursNeedACapableTerminalAndNoNoColor() throws Exception {
        Terminal terminal = xterm(new ByteArrayOutputStream());
        TerminalConsole coloured = new TerminalConsole(terminal, true, Map.of());
        assertTrue(coloured.color());
        assertTrue(coloured.tint(Console.Tone.ERROR, "error: x").contains("\u001b["));
        assertFalse(new TerminalConsole(terminal, true, Map.of("NO_COLOR", "")).color());
        assertFalse(new TerminalConsole(terminal, false, Map.of()).color());
        assertEquals("error: x", new TerminalConsole(terminal, false, Map.of()).tint(Console.Tone.ERROR, "error: x"));
        Terminal dumb = new DumbTerminal("d", Terminal.TYPE_DUMB, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        TerminalConsole plain = new TerminalConsole(dumb, true, Map.of());
        assertFalse(plain.color());
        assertTrue(plain.liveLine() instanceof PeriodicLiveLine);
    }

    @Test
    void theLiveLineHoldsTheBottomRowAndGivesItBack() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal terminal = xterm(screen);
        TerminalConsole console = new TerminalConsole(terminal, false, Map.of());
        LiveLine line = console.liveLine();
        assertTrue(line instanceof StatusLiveLine, line.getClass().getName());
        line.update("step 1/10  loss 4.0");
        line.println("  step 1: validation loss 3.9");
        line.update("step 2/10  loss 3.8");
        line.close();
        terminal.flush();
        String out = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        int pinned = out.indexOf("\u001b[1;23r");  // rows 1-23 scroll, row 24 holds the line
        int printed = out.indexOf("  step 1: validation loss 3.9\n");
        int released = out.lastIndexOf("\u001b[1;24r");
        assertTrue(pinned >= 0 && printed > pinned && released > printed, out);
        assertTrue(out.indexOf("step 1/10  loss 4.0") > pinned, out);
        // The last progress stays on screen as an ordinary line after the status is gone.
        assertTrue(out.lastIndexOf("step 2/10  loss 3.8\n") > released, out);
    }
}

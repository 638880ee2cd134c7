package lstmsh.shell;

import lstmsh.render.LiveLine;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

import java.io.PrintWriter;
import java.util.List;

/**
 * The live line pinned to the terminal's bottom row (JLine's status line, a scroll region
 * above it), so lines printed meanwhile scroll above it and never get mixed into it. Closing
 * it gives the bottom row back and leaves the last progress as an ordinary line.
 */
final class StatusLiveLine implements LiveLine {

    private static final long MIN_INTERVAL_MILLIS = 100;

    private final Terminal terminal;
    private final PrintWriter out;
    private final AttributedStyle style;
    private final Status status;
    private final Terminal.SignalHandler previousWinch;
    private String current = "";
    private String pending;
    private long lastDrawn;
    private boolean closed;

    StatusLiveLine(Terminal terminal, PrintWriter out, AttributedStyle style) {
        this.terminal = terminal;
        this.out = out;
        this.style = style;
        this.status = Status.getStatus(terminal);
        status.resize();
        this.previousWinch = terminal.handle(Terminal.Signal.WINCH, signal -> resized());
    }

    /** True when the terminal can pin a line to its bottom (a scroll region and cursor addressing). */
    static boolean supported(Terminal terminal) {
        return Status.getStatus(terminal, false) != null || (terminal.getStringCapability(Capability.change_scroll_region) != null
                && terminal.getStringCapability(Capability.save_cursor) != null
                && terminal.getStringCapability(Capability.restore_cursor) != null
                && terminal.getStringCapability(Capability.cursor_address) != null
                && terminal.getHeight() > 2);
    }

    @Override
    public synchronized void update(String line) {
        pending = line;
        long now = System.currentTimeMillis();
        if (now - lastDrawn >= MIN_INTERVAL_MILLIS) {
            draw();
            lastDrawn = now;
        }
    }

    private void draw() {
        if (closed) {
            return;
        }
        takePending();
        status.update(List.of(new AttributedString(current, style)));
        terminal.flush();
    }

    /** The latest update becomes the line shown; what was printed meanwhile goes out first. */
    private void takePending() {
        if (pending != null) {
            current = pending;
            pending = null;
        }
        out.flush();
    }

    @Override
    public synchronized void println(String line) {
        out.println(line);
        out.flush();
    }

    private synchronized void resized() {
        if (!closed) {
            status.resize();
            status.redraw();
            terminal.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        takePending();
        status.hide();
        closed = true;
        terminal.handle(Terminal.Signal.WINCH, previousWinch);
        terminal.flush();
        if (!current.isEmpty()) {
            out.println(current);
        }
        out.flush();
    }
}

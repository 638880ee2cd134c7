package lstmsh.render;

import java.io.PrintWriter;

/** For pipes and files: the live line is printed as a plain line every so often. */
public final class PeriodicLiveLine implements LiveLine {

    private final PrintWriter out;
    private final long intervalMillis;
    private long lastPrinted;
    private String pending;

    public PeriodicLiveLine(PrintWriter out, long intervalMillis) {
        this.out = out;
        this.intervalMillis = intervalMillis;
        this.lastPrinted = System.currentTimeMillis();
    }

    @Override
    public void update(String line) {
        pending = line;
        long now = System.currentTimeMillis();
        if (now - lastPrinted >= intervalMillis) {
            out.println(line);
            out.flush();
            lastPrinted = now;
            pending = null;
        }
    }

    @Override
    public void println(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        if (pending != null) {
            out.println(pending);
            pending = null;
        }
        out.flush();
    }
}

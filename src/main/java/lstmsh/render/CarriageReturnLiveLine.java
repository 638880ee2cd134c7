package lstmsh.render;

import java.io.PrintWriter;

/** For terminals: the line is redrawn in place with a carriage return and erase-to-end. */
public final class CarriageReturnLiveLine implements LiveLine {

    private static final String ERASE_TO_END = "\u001b[K";
    private static final long MIN_INTERVAL_MILLIS = 100;

    private final PrintWriter out;
    private final int width;
    private long lastDrawn;
    private String current = "";
    private String pending;

    public CarriageReturnLiveLine(PrintWriter out, int width) {
        this.out = out;
        this.width = Math.max(20, width - 1);
    }

    @Override
    public void update(String line) {
        pending = fit(line);
        long now = System.currentTimeMillis();
        if (now - lastDrawn >= MIN_INTERVAL_MILLIS) {
            draw();
            lastDrawn = now;
        }
    }

    private void draw() {
        if (pending != null) {
            current = pending;
            pending = null;
        }
        out.print("\r" + current + ERASE_TO_END);
        out.flush();
    }

    @Override
    public void println(String line) {
        out.print("\r" + ERASE_TO_END);
        out.println(line);
        out.print(current);
        out.flush();
    }

    @Override
    public void close() {
        draw();
        if (!current.isEmpty()) {
            out.println();
        }
        out.flush();
    }

    private String fit(String line) {
        return line.length() <= width ? line : line.substring(0, width);
    }
}

package lstmsh.render;

import java.util.function.Supplier;

/**
 * Progress of a task that may take a while, as {@code PHASE NAME [#####---------------]  25%  AMOUNT}
 * on a live line. Nothing shows until the task has run for {@link #SHOW_AFTER_NANOS}, so quick
 * tasks print nothing.
 */
public final class ProgressBar implements AutoCloseable {

    static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    static final int WIDTH = 20;

    private final Console console;
    private final String name;
    private final long start = System.nanoTime();
    private LiveLine line;

    public ProgressBar(Console console, String name) {
        this.console = console;
        this.name = name;
    }

    /** Seconds since the task began, e.g. for a rate in the amount. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Shows {@code done} of {@code total} in a phase once the task has run long enough; {@code
     * amount} says how much in the phase's unit and is asked only then.
     */
    public void update(String phase, long done, long total, Supplier<String> amount) {
        if (System.nanoTime() - start < SHOW_AFTER_NANOS || total <= 0) {
            return;
        }
        if (line == null) {
            line = console.liveLine();
        }
        line.update(line(phase, name, Math.min(1, (double) done / total), amount.get()));
    }

    static String line(String phase, String name, double fraction, String amount) {
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        return String.format("%s %s [%s] %3.0f%%  %s", phase, name, bar, 100 * fraction, amount);
    }

    @Override
    public void close() {
        if (line != null) {
            line.close();
        }
    }
}

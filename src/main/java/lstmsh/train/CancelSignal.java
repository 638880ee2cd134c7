package lstmsh.train;

/**
 * Set from another thread (a Ctrl-C handler); long loops check it between steps. A second
 * press asks for more: to skip what would still run before stopping, such as a validation pass.
 */
public final class CancelSignal {
    private volatile int presses;

    public synchronized void cancel() {
        presses++;
    }

    public boolean isCancelled() {
        return presses > 0;
    }

    /** True after a second press since the last reset. */
    public boolean isRepeated() {
        return presses > 1;
    }

    public synchronized void reset() {
        presses = 0;
    }
}

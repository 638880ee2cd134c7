package lstmsh.train;

/** Set from another thread (a Ctrl-C handler); long loops check it between steps. */
public final class CancelSignal {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void reset() {
        cancelled = false;
    }
}

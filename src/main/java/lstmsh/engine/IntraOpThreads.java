package lstmsh.engine;

/**
 * The engine's intra-op thread count, limited for work made of many tiny ops (batch-1
 * sampling), where a second thread adds only synchronisation: on a busy machine a thread
 * waiting at every op's barrier made a step many times slower. The limit is process-wide, so
 * it is lifted again when the work ends; engines other than PyTorch are left alone.
 */
public final class IntraOpThreads implements AutoCloseable {

    private final int previous;

    private IntraOpThreads(int previous) {
        this.previous = previous;
    }

    /** Limits intra-op threads to {@code threads} until {@link #close()}. */
    public static IntraOpThreads limit(int threads) {
        if (!"PyTorch".equals(EngineSupport.engine().getEngineName())) {
            return new IntraOpThreads(-1);
        }
        int previous = PyTorchThreads.get();
        if (previous > threads) {
            PyTorchThreads.set(threads);
            return new IntraOpThreads(previous);
        }
        return new IntraOpThreads(-1);
    }

    @Override
    public void close() {
        if (previous > 0) {
            PyTorchThreads.set(previous);
        }
    }
}

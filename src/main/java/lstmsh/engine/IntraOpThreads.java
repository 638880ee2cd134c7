package lstmsh.engine;

import java.util.Optional;

/**
 * The engine's intra-op thread count, limited for work made of many tiny ops (batch-1
 * sampling), where a second thread adds only synchronisation: on a busy machine a thread
 * waiting at every op's barrier made a step many times slower. The limit is process-wide, so
 * it is lifted again when the work ends; engines other than PyTorch are left alone.
 */
public final class IntraOpThreads implements AutoCloseable {

    /** Reads and sets an engine's intra-op thread count. */
    interface Control {
        int get();

        void set(int threads);
    }

    /** Looked up once; empty when the engine has no thread control lstmsh can reach. */
    private static volatile Optional<Control> control;

    private final int previous;

    private IntraOpThreads(int previous) {
        this.previous = previous;
    }

    /** Limits intra-op threads to {@code threads} until {@link #close()}. */
    public static IntraOpThreads limit(int threads) {
        Control c = control().orElse(null);
        if (c == null) {
            return new IntraOpThreads(-1);
        }
        int previous = c.get();
        if (previous > threads) {
            c.set(threads);
            return new IntraOpThreads(previous);
        }
        return new IntraOpThreads(-1);
    }

    @Override
    public void close() {
        if (previous > 0) {
            control().orElseThrow().set(previous);
        }
    }

    /**
     * PyTorch's thread control when PyTorch is the engine. It is loaded by name: the MXNet build
     * compiles without the PyTorch classes.
     */
    static Optional<Control> control() {
        Optional<Control> c = control;
        if (c == null) {
            c = Optional.empty();
            if ("PyTorch".equals(EngineSupport.engine().getEngineName())) {
                try {
                    c = Optional.of((Control) Class.forName("lstmsh.engine.PyTorchThreads")
                            .getDeclaredConstructor()
                            .newInstance());
                } catch (ReflectiveOperationException | LinkageError ignored) {
                    // Threads left as they are, as on other engines.
                }
            }
            control = c;
        }
        return c;
    }
}

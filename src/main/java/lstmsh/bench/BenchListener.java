package lstmsh.bench;

/** Progress of a long measurement, for the live line. */
public interface BenchListener {

    void status(String line);

    /** True when the user asked to stop (Ctrl-C); long parts check it between steps. */
    default boolean cancelled() {
        return false;
    }

    BenchListener NONE = line -> { };
}

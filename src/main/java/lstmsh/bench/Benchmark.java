package lstmsh.bench;

/**
 * One part of {@code bench}. To add a part (say, sampling), implement this, add a section and
 * figures to the report, and list it in {@link Bench#standard}.
 */
public interface Benchmark {

    /** A short name for progress lines. */
    String name();

    void run(BenchSettings settings, BenchReport report, BenchListener listener);
}

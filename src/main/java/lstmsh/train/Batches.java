package lstmsh.train;

/**
 * Where a run's batches come from. Position p is the model's count of batches read so far:
 * epoch p / perEpoch, batch p % perEpoch of it. A batch is a function of its position and the
 * run's seed alone, so a resumed run reads exactly what an unbroken one would.
 */
public interface Batches {

    /** One batch: row-major (size × length) inputs and targets; mask null when nothing is padded. */
    record Batch(long[] inputs, long[] targets, float[] mask, int size, int length, long tokens) {}

    int perEpoch();

    /** The most tokens one batch can hold (size × length). */
    int capacity();

    /** True when consecutive batches continue each other's sequences, so state may be carried. */
    boolean continuous();

    /** Names the layout, so a change of batch shape between runs is noticed. */
    String shape();

    Batch get(long position, long seed);
}

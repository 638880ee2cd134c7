package lstmsh.bench;

import java.util.List;

/**
 * The shapes and effort of a {@code bench} run. Defaults live here: the training shapes of the
 * project's targets (two layers of 256 and of 512, batch 64, sequence 100).
 *
 * @param hidden hidden sizes to measure, each a model of {@code layers} equal layers
 * @param layers LSTM layers
 * @param batch sequences per step
 * @param seq tokens per sequence
 * @param embed embedding width (the LSTM's input width)
 * @param vocab vocabulary size of the synthetic corpus
 * @param steps timed steps per round
 * @param rounds rounds; the LSTM and the training step alternate so load changes hit both
 * @param memory run the memory check
 * @param memorySteps training steps of the memory check
 * @param matmulSize side of the square matrices of the matmul measurement
 */
public record BenchSettings(List<Integer> hidden, int layers, int batch, int seq, int embed, int vocab, int steps,
        int rounds, boolean memory, int memorySteps, int matmulSize) {

    public static final int DEFAULT_SMALL_HIDDEN = 256;
    public static final int DEFAULT_LARGE_HIDDEN = 512;
    public static final List<Integer> DEFAULT_HIDDEN = List.of(DEFAULT_SMALL_HIDDEN, DEFAULT_LARGE_HIDDEN);
    public static final int DEFAULT_LAYERS = 2;
    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_SEQ = 100;
    public static final int DEFAULT_EMBED = 64;
    public static final int DEFAULT_VOCAB = 96;
    public static final int DEFAULT_STEPS = 5;
    public static final int DEFAULT_ROUNDS = 3;
    public static final int DEFAULT_MEMORY_STEPS = 5000;
    public static final int DEFAULT_MATMUL_SIZE = 2048;

    public static BenchSettings defaults() {
        return new BenchSettings(DEFAULT_HIDDEN, DEFAULT_LAYERS, DEFAULT_BATCH, DEFAULT_SEQ, DEFAULT_EMBED,
                DEFAULT_VOCAB, DEFAULT_STEPS, DEFAULT_ROUNDS, false, DEFAULT_MEMORY_STEPS, DEFAULT_MATMUL_SIZE);
    }

    public BenchSettings {
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("--hidden needs one or more positive sizes, got " + hidden);
        }
        positive("--layers", layers);
        positive("--batch", batch);
        positive("--seq", seq);
        positive("--embed", embed);
        if (vocab < 2) {
            throw new IllegalArgumentException("--vocab must be at least 2, got " + vocab);
        }
        positive("--steps", steps);
        positive("--rounds", rounds);
        if (memorySteps < 20) {
            throw new IllegalArgumentException("--memory-steps must be at least 20, got " + memorySteps);
        }
        positive("--matmul-size", matmulSize);
    }

    private static void positive(String option, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + v);
        }
    }
}

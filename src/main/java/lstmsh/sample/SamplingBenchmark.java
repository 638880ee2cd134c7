package lstmsh.sample;

import lstmsh.corpus.CharTokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.CancelSignal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sampling speed in batch 1, drawing and per-token measures included: tokens per second of
 * the prepared-weights path and of the fused-op path, and how the time grows with length
 * (2,000 tokens over 1,000; linear generation gives about 2). Each figure is the best of a
 * few interleaved runs after a warm-up, since other work on the machine only ever slows a run.
 */
public final class SamplingBenchmark {

    public static final int SHORT = 1000;
    public static final int LONG = 2000;
    public static final int REPEATS = 3;
    public static final int WARMUP = 500;
    /** The bundled corpus' vocabulary size. */
    public static final int QUICKSTART_VOCABULARY = 68;

    private SamplingBenchmark() {}

    /**
     * @param preparedTokPerS tokens per second on the prepared path, {@value #LONG} tokens
     * @param fusedTokPerS the same on the fused path
     * @param secondsShort best time for {@value #SHORT} tokens, prepared path
     * @param secondsLong best time for {@value #LONG} tokens, prepared path
     * @param scaling secondsLong / secondsShort
     */
    public record Result(
            String model, double preparedTokPerS, double fusedTokPerS, double secondsShort, double secondsLong,
            double scaling) {

        /** Figures for {@code expect}. */
        public Map<String, Double> figures() {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("bench.sample_tok_per_s", preparedTokPerS);
            f.put("bench.sample_fused_tok_per_s", fusedTokPerS);
            f.put("bench.sample_scaling", scaling);
            return f;
        }
    }

    /** The quickstart model's shape: embedding 64, two LSTM layers of 256, the bundled corpus' vocabulary size. */
    public static Result quickstart(Consumer<String> progress, CancelSignal cancel) {
        return run(ModelSettings.defaults(), QUICKSTART_VOCABULARY, progress, cancel);
    }

    /** Builds a model of this shape with fresh weights (speed does not depend on their values) and times it. */
    public static Result run(ModelSettings settings, int vocabularySize, Consumer<String> progress, CancelSignal cancel) {
        return run(settings, vocabularySize, SHORT, LONG, REPEATS, WARMUP, progress, cancel);
    }

    /** As {@link #run(ModelSettings, int, Consumer, CancelSignal)} with other lengths and repeats. */
    public static Result run(ModelSettings settings, int vocabularySize, int shortLength, int longLength, int repeats,
            int warmup, Consumer<String> progress, CancelSignal cancel) {
        try (LstmLanguageModel model = LstmLanguageModel.create(settings, vocabulary(vocabularySize),
                CharTokenizer.INSTANCE)) {
            return run(model, shortLength, longLength, repeats, warmup, progress, cancel);
        }
    }

    public static Result run(LstmLanguageModel model, int shortLength, int longLength, int repeats, int warmup,
            Consumer<String> progress, CancelSignal cancel) {
        String shape = "embedding " + model.settings().embed() + ", LSTM " + model.settings().hidden()
                + ", vocabulary " + model.vocabulary().size();
        progress.accept("warming up (" + warmup + " tokens on each path)");
        time(model, warmup, SampleGenerator.StepPath.PREPARED, cancel);
        time(model, warmup, SampleGenerator.StepPath.FUSED, cancel);
        double bestShort = Double.POSITIVE_INFINITY;
        double bestLong = Double.POSITIVE_INFINITY;
        double bestFused = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats && !cancelled(cancel); r++) {
            progress.accept("run " + (r + 1) + " of " + repeats);
            bestShort = Math.min(bestShort, time(model, shortLength, SampleGenerator.StepPath.PREPARED, cancel));
            bestLong = Math.min(bestLong, time(model, longLength, SampleGenerator.StepPath.PREPARED, cancel));
            bestFused = Math.min(bestFused, time(model, longLength, SampleGenerator.StepPath.FUSED, cancel));
        }
        return new Result(shape, longLength / bestLong, longLength / bestFused, bestShort, bestLong,
                bestLong / bestShort);
    }

    /** Seconds to generate {@code length} tokens, prime and set-up excluded. */
    private static double time(LstmLanguageModel model, int length, SampleGenerator.StepPath path, CancelSignal cancel) {
        SamplingSettings settings = new SamplingSettings(length, 1.0, "", 1);
        SampleReport report = SampleGenerator.generate(model, settings, null, TokenSink.NONE, cancel, path);
        return report.tokens().length / report.tokensPerSecond() * ((double) length / report.tokens().length);
    }

    private static boolean cancelled(CancelSignal cancel) {
        return cancel != null && cancel.isCancelled();
    }

    /** A character vocabulary of {@code size} tokens: newline, then printable characters. */
    static Vocabulary vocabulary(int size) {
        int[] codePoints = new int[size];
        codePoints[0] = '\n';
        for (int i = 1; i < size; i++) {
            codePoints[i] = ' ' + i - 1;
        }
        return Vocabulary.ofCodePoints(codePoints);
    }
}

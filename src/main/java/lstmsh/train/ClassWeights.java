package lstmsh.train;

import lstmsh.corpus.Tokens;

/**
 * Per-token loss weights from training-token counts: {@code inverse} gives each token weight
 * ∝ 1/count, {@code sqrt-inverse} ∝ 1/√count, scaled so the average weight over the training
 * tokens is 1. Tokens that never occur get weight 0 (they are never targets).
 */
public final class ClassWeights {

    private ClassWeights() {}

    /** Null for {@code none}: the loss is then a plain mean. */
    public static float[] of(TrainSettings.ClassWeighting mode, long[] counts) {
        if (mode == TrainSettings.ClassWeighting.NONE) {
            return null;
        }
        double[] raw = new double[counts.length];
        double weighted = 0;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                raw[i] = mode == TrainSettings.ClassWeighting.INVERSE ? 1.0 / counts[i] : 1.0 / Math.sqrt(counts[i]);
                weighted += raw[i] * counts[i];
                total += counts[i];
            }
        }
        float[] out = new float[counts.length];
        double scale = weighted > 0 ? total / weighted : 0;
        for (int i = 0; i < counts.length; i++) {
            out[i] = (float) (raw[i] * scale);
        }
        return out;
    }

    /** How often each id occurs in {@code tokens}. */
    public static long[] count(Tokens tokens, int vocabularySize) {
        long[] counts = new long[vocabularySize];
        for (int i = 0, n = tokens.size(); i < n; i++) {
            counts[tokens.get(i)]++;
        }
        return counts;
    }
}

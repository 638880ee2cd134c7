package lstmsh.train;

import ai.djl.ndarray.NDArray;

/**
 * Cross-entropy of next-token prediction in nats per token, with what DJL's
 * SoftmaxCrossEntropyLoss lacks: per-token weights (class weights, padding masks) and label
 * smoothing. Unweighted and unsmoothed it is exactly the mean negative log-likelihood.
 */
public final class LanguageModelLoss {

    private LanguageModelLoss() {}

    /**
     * @param logits (batch, steps, vocabulary)
     * @param targets (batch, steps) int64
     * @return a scalar: mean negative log-likelihood of the targets
     */
    public static NDArray crossEntropy(NDArray logits, NDArray targets) {
        return loss(logits, targets, null, 0);
    }

    /**
     * The training objective.
     *
     * @param coefficients null for a plain mean, or (batch × steps) float32 weights summing to 1:
     *     each token's class weight times its mask, normalised (see {@link #coefficients})
     * @param smoothing label smoothing: the target keeps 1 − ε and ε spreads evenly over the vocabulary
     */
    public static NDArray loss(NDArray logits, NDArray targets, NDArray coefficients, double smoothing) {
        long vocabulary = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logProbabilities = logits.logSoftmax(-1).reshape(-1, vocabulary);
        // gather returns (N, 1): keep it 2-D against the index, or it would broadcast.
        NDArray perToken = lstmsh.engine.EngineSupport.ops().gatherColumn(logProbabilities, targets.reshape(-1, 1)).reshape(-1).neg();
        if (smoothing > 0) {
            NDArray uniform = logProbabilities.mean(new int[] {1}).neg();
            perToken = perToken.mul(1 - smoothing).add(uniform.mul(smoothing));
        }
        if (coefficients == null) {
            return perToken.mean();
        }
        return perToken.mul(coefficients.reshape(-1)).sum();
    }

    /**
     * Fills {@code out} with each token's share of the loss: class weight × mask, divided by
     * their sum. Returns the sum (the count of real tokens when unweighted), 0 when nothing counts.
     *
     * @param weights per token id, or null for 1
     * @param mask 1 for real tokens, 0 for padding, or null when all are real
     */
    public static double coefficients(long[] targets, float[] weights, float[] mask, int count, float[] out) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double c = (mask == null ? 1 : mask[i]) * (weights == null ? 1 : weights[(int) targets[i]]);
            out[i] = (float) c;
            sum += c;
        }
        if (sum > 0) {
            for (int i = 0; i < count; i++) {
                out[i] = (float) (out[i] / sum);
            }
        }
        return sum;
    }
}

package lstmsh.train;

import ai.djl.ndarray.NDArray;

/** Mean cross-entropy of next-token prediction, in nats per token. */
public final class LanguageModelLoss {

    private LanguageModelLoss() {}

    /**
     * @param logits (batch, steps, vocabulary)
     * @param targets (batch, steps) int64
     * @return a scalar: mean negative log-likelihood of the targets
     */
    public static NDArray crossEntropy(NDArray logits, NDArray targets) {
        long vocabulary = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logProbabilities = logits.logSoftmax(-1).reshape(-1, vocabulary);
        // gather returns (N, 1): keep it 2-D against the index, or it would broadcast.
        NDArray picked = lstmsh.engine.EngineSupport.ops().gatherColumn(logProbabilities, targets.reshape(-1, 1));
        return picked.mean().neg();
    }
}

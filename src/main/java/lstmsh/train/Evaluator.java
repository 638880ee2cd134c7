package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.corpus.Tokens;
import lstmsh.engine.EngineSupport;
import lstmsh.engine.HostBuffer;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

import java.util.function.BooleanSupplier;

/**
 * Loss of a model on held-out tokens: plain cross-entropy (no class weights, no smoothing),
 * averaged over every real token, with state carried through a stream as in training.
 */
public final class Evaluator {

    /**
     * A validation pass reads at most about this many tokens (the first windows of every lane, so
     * spread over the whole split): on a large corpus a full pass would cost more than training.
     */
    public static final long MAX_TOKENS = 500_000;

    private Evaluator() {}

    /** Mean loss in nats per token, or NaN when the tokens are too few for one window. */
    public static double loss(LstmLanguageModel model, Tokens tokens, int batch, int seq) {
        Batches batches = TrainingData.validationStream(tokens, batch, seq);
        return batches == null ? Double.NaN : loss(model, batches);
    }

    /** Mean loss over one pass of {@code batches}, in nats per real token. */
    public static double loss(LstmLanguageModel model, Batches batches) {
        return loss(model, batches, () -> false);
    }

    /** As {@link #loss(LstmLanguageModel, Batches)}; NaN when {@code abandon} says so between two batches. */
    static double loss(LstmLanguageModel model, Batches batches, BooleanSupplier abandon) {
        EngineSupport.ops().setGradMode(false);
        double sum = 0;
        long count = 0;
        float[] coefficients = new float[batches.capacity()];
        // Each window's arrays are closed with the window, so one buffer per kind serves the pass.
        HostBuffer inputBuffer = new HostBuffer();
        HostBuffer targetBuffer = new HostBuffer();
        HostBuffer coefficientBuffer = new HostBuffer();
        try (NDManager scope = model.manager().newSubManager()) {
            LstmState state = null;
            long read = 0;
            for (int w = 0; w < batches.perEpoch() && read < MAX_TOKENS; w++) {
                if (abandon.getAsBoolean()) {
                    return Double.NaN;
                }
                Batches.Batch b = batches.get(w, 0);
                read += b.tokens();
                try (NDManager step = scope.newSubManager()) {
                    Shape shape = new Shape(b.size(), b.length());
                    int n = b.size() * b.length();
                    NDArray x = inputBuffer.longs(step, b.inputs(), shape);
                    NDArray y = targetBuffer.longs(step, b.targets(), shape);
                    NDArray c = null;
                    if (b.mask() != null) {
                        LanguageModelLoss.coefficients(b.targets(), null, b.mask(), n, coefficients);
                        c = coefficientBuffer.floats(step, coefficients, shape);
                    }
                    if (state != null) {
                        state.attach(step);
                    }
                    LstmLanguageModel.Output out = model.forward(x, state, false);
                    sum += LanguageModelLoss.loss(out.logits(), y, c, 0).getFloat() * (double) b.tokens();
                    count += b.tokens();
                    state = batches.continuous() ? out.state().detachInto(scope) : null;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}

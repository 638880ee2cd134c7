package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.corpus.BatchStream;
import lstmsh.corpus.Tokens;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

/** Loss of a model on held-out tokens, with state carried through the stream as in training. */
public final class Evaluator {

    private Evaluator() {}

    /** Mean loss in nats per token, or NaN when the tokens are too few for one window. */
    public static double loss(LstmLanguageModel model, Tokens tokens, int batch, int seq) {
        int lanes = (int) Math.max(1, Math.min(batch, tokens.size() / (seq + 1L)));
        BatchStream stream = new BatchStream(tokens, lanes, seq);
        if (stream.windowsPerEpoch() == 0) {
            return Double.NaN;
        }
        EngineSupport.ops().setGradMode(false);
        long[] inputs = new long[lanes * seq];
        long[] targets = new long[lanes * seq];
        double sum = 0;
        try (NDManager scope = model.manager().newSubManager()) {
            LstmState state = null;
            for (int w = 0; w < stream.windowsPerEpoch(); w++) {
                try (NDManager step = scope.newSubManager()) {
                    stream.window(w, inputs, targets);
                    NDArray x = step.create(inputs, new Shape(lanes, seq));
                    NDArray y = step.create(targets, new Shape(lanes, seq));
                    if (state != null) {
                        state.attach(step);
                    }
                    LstmLanguageModel.Output out = model.forward(x, state, false);
                    sum += LanguageModelLoss.crossEntropy(out.logits(), y).getFloat();
                    state = out.state().detachInto(scope);
                }
            }
        }
        return sum / stream.windowsPerEpoch();
    }
}

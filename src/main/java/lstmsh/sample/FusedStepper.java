package lstmsh.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.engine.EngineSupport;
import lstmsh.engine.IntraOpThreads;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

/** One call of the model's fused forward per token, state carried: the reference path. */
public final class FusedStepper implements Stepper {

    private final LstmLanguageModel model;
    private final NDManager manager;
    /** Batch 1 is a few small ops a step: one thread is as fast idle and far faster on a busy machine. */
    private final IntraOpThreads threads;
    private LstmState state;

    public FusedStepper(LstmLanguageModel model) {
        EngineSupport.ops().setGradMode(false);
        threads = IntraOpThreads.limit(1);
        this.model = model;
        this.manager = model.manager().newSubManager();
    }

    @Override
    public float[] feed(int token) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new long[] {token}, new Shape(1, 1));
            if (state != null) {
                state.attach(step);
            }
            LstmLanguageModel.Output out = model.forward(x, state, false);
            state = out.state().detachInto(manager);
            return out.logits().toFloatArray();
        }
    }

    @Override
    public void reset() {
        if (state != null) {
            state.close();
            state = null;
        }
    }

    @Override
    public void close() {
        manager.close();
        threads.close();
    }
}

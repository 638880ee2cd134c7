package lstmsh.engine;

import ai.djl.ndarray.NDArray;

/** The few calls whose implementation depends on the engine in use. */
public interface EngineOps {

    /** Turns autograd recording on or off for the calling thread. */
    void setGradMode(boolean enabled);

    /** Clears the accumulated gradient of a parameter so the next backward starts from zero. */
    void zeroGradient(NDArray parameter);

    /** Engine-neutral fallback: gradients cleared by arithmetic, grad mode left to the engine. */
    EngineOps GENERIC =
            new EngineOps() {
                @Override
                public void setGradMode(boolean enabled) {}

                @Override
                public void zeroGradient(NDArray parameter) {
                    try (NDArray grad = parameter.getGradient()) {
                        grad.muli(0);
                    }
                }
            };
}

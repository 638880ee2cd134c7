package lstmsh.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** The few calls whose implementation depends on the engine in use. */
public interface EngineOps {

    /** Turns autograd recording on or off for the calling thread. */
    void setGradMode(boolean enabled);

    /** Clears the accumulated gradient of a parameter so the next backward starts from zero. */
    void zeroGradient(NDArray parameter);

    /**
     * True when the engine's LSTM call takes several layers at once with the parameters listed
     * layer by layer (w_ih, w_hh, b_ih, b_hh of each), as PyTorch's does.
     */
    default boolean fusesLayers() {
        return false;
    }

    /**
     * Row r of the result is {@code values[r, index[r]]}: (N, C) values and an (N, 1) integer
     * index give (N, 1), with gradients flowing back into {@code values}.
     */
    default NDArray gatherColumn(NDArray values, NDArray index) {
        return values.gather(index, 1);
    }

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

                /** By gather_nd on (row, column) pairs: MXNet has no gather along an axis. */
                @Override
                public NDArray gatherColumn(NDArray values, NDArray index) {
                    NDManager manager = index.getManager();
                    long rows = values.getShape().get(0);
                    NDArray column = index.reshape(1, rows).toType(DataType.INT64, false);
                    NDArray at = manager.arange(0, (int) rows, 1, DataType.INT64).reshape(1, rows).concat(column, 0);
                    return values.gatherNd(at).reshape(rows, 1);
                }
            };
}

package lstmsh.train;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * Clipping by the global norm of all gradients together (as PyTorch's clip_grad_norm_), which
 * keeps the update's direction; DJL's optClipGrad clips each element, which does not.
 */
public final class GradientClipping {

    private GradientClipping() {}

    /** The L2 norm of all gradients as one vector. */
    public static double globalNorm(Map<String, NDArray> gradients) {
        NDArray squares = null;
        for (NDArray g : gradients.values()) {
            NDArray s = g.square().sum();
            squares = squares == null ? s : squares.addi(s);
        }
        return squares == null ? 0 : Math.sqrt(squares.getFloat());
    }

    /** The L2 norm of a flat gradient. */
    public static double norm(NDArray flat) {
        return flat.norm().getFloat();
    }

    /** Scales a flat gradient in place so its norm is at most {@code limit} (0: off). */
    public static void clip(NDArray flat, double norm, double limit) {
        if (limit > 0 && norm > limit) {
            flat.muli((float) (limit / norm));
        }
    }

    /** Scales every gradient in place so their global norm is at most {@code limit} (0: off). */
    public static void clip(Map<String, NDArray> gradients, double norm, double limit) {
        if (limit > 0 && norm > limit) {
            float scale = (float) (limit / norm);
            gradients.values().forEach(g -> g.muli(scale));
        }
    }
}

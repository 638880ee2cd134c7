package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam as PyTorch computes it, with its moments kept by parameter name so that a checkpoint
 * can carry them (DJL's optimizers keep them private) and so they survive a weight restore.
 */
public final class AdamOptimizer implements AutoCloseable {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long updates;

    public AdamOptimizer(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    public long updates() {
        return updates;
    }

    /**
     * Applies one update. Arrays of the step (temporaries) go to {@code scope}; parameters and
     * moments must already be attached to it for the duration of the step.
     */
    public void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double lr) {
        updates++;
        double correction1 = 1 - Math.pow(BETA1, updates);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(BETA2, updates));
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = gradients.get(name);
            NDArray m = moment(firstMoments, name, p.getShape());
            NDArray v = moment(secondMoments, name, p.getShape());
            m.muli(BETA1).addi(g.mul(1 - BETA1));
            v.muli(BETA2).addi(g.square().muli(1 - BETA2));
            NDArray denominator = v.sqrt().divi(correction2Sqrt).addi(EPSILON);
            p.subi(m.div(denominator).muli(lr / correction1));
        }
    }

    /** Creates any missing moments, so that a step can attach them before it runs. */
    public void prepare(Map<String, NDArray> parameters) {
        parameters.forEach(
                (name, p) -> {
                    moment(firstMoments, name, p.getShape());
                    moment(secondMoments, name, p.getShape());
                });
    }

    /** The moments, for a step's scope to attach temporarily. */
    public NDArray[] stateArrays() {
        NDArray[] all = new NDArray[firstMoments.size() + secondMoments.size()];
        int i = 0;
        for (NDArray a : firstMoments.values()) {
            all[i++] = a;
        }
        for (NDArray a : secondMoments.values()) {
            all[i++] = a;
        }
        return all;
    }

    private NDArray moment(Map<String, NDArray> moments, String name, Shape shape) {
        NDArray m = moments.get(name);
        if (m == null) {
            m = manager.zeros(shape);
            moments.put(name, m);
        }
        return m;
    }

    /** The state as plain values, for a checkpoint: moments by name and the update count. */
    public Map<String, float[]> exportState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        firstMoments.forEach((k, a) -> out.put("m." + k, a.toFloatArray()));
        secondMoments.forEach((k, a) -> out.put("v." + k, a.toFloatArray()));
        return out;
    }

    /** Restores what {@link #exportState()} wrote; shapes come from the model's parameters. */
    public void importState(Map<String, float[]> values, Map<String, Shape> shapes, long count) {
        clear();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            float[] m = values.get("m." + e.getKey());
            float[] v = values.get("v." + e.getKey());
            if (m != null && v != null) {
                firstMoments.put(e.getKey(), manager.create(m, e.getValue()));
                secondMoments.put(e.getKey(), manager.create(v, e.getValue()));
            }
        }
        updates = count;
    }

    public void clear() {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        updates = 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.train.TrainSettings.OptimizerKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam, AdamW, SGD and RMSprop as PyTorch computes them, with their state kept by slot and
 * parameter name ({@code m.lstm.0.w_ih}) so that a checkpoint can carry it (DJL's optimizers
 * keep theirs private) and a rollback can restore it. Weight decay touches weight matrices only,
 * never biases, as nanoGPT does.
 */
public final class Optimizer implements AutoCloseable {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;
    /** RMSprop's smoothing constant (PyTorch's alpha). */
    public static final double RMS_DECAY = 0.99;

    private final NDManager manager;
    private final Map<String, NDArray> slots = new LinkedHashMap<>();
    private OptimizerKind kind = OptimizerKind.ADAM;
    private long updates;

    public Optimizer(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    public OptimizerKind kind() {
        return kind;
    }

    public long updates() {
        return updates;
    }

    /**
     * Switches the update rule; the state of another rule is dropped, since it means nothing
     * to this one. Returns true when state was dropped.
     */
    public boolean use(OptimizerKind newKind) {
        if (newKind == kind) {
            return false;
        }
        boolean had = !slots.isEmpty();
        clear();
        kind = newKind;
        return had;
    }

    /**
     * Applies one update in place. Temporaries belong to the manager of the gradients; the
     * parameters and slots must be attached to that scope for the duration of the step.
     */
    public void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double lr,
            double momentum, double weightDecay) {
        updates++;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = gradients.get(name);
            boolean decays = weightDecay > 0 && p.getShape().dimension() > 1;
            if (decays && kind != OptimizerKind.ADAMW) {
                g = g.add(p.mul(weightDecay)); // L2, as PyTorch's weight_decay
            }
            switch (kind) {
                case ADAM, ADAMW -> {
                    if (decays && kind == OptimizerKind.ADAMW) {
                        p.muli(1 - lr * weightDecay);
                    }
                    NDArray m = slot("m", name, p.getShape());
                    NDArray v = slot("v", name, p.getShape());
                    m.muli(BETA1).addi(g.mul(1 - BETA1));
                    v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                    double correction1 = 1 - Math.pow(BETA1, updates);
                    double correction2Sqrt = Math.sqrt(1 - Math.pow(BETA2, updates));
                    NDArray denominator = v.sqrt().divi(correction2Sqrt).addi(EPSILON);
                    p.subi(m.div(denominator).muli(lr / correction1));
                }
                case SGD -> {
                    if (momentum > 0) {
                        NDArray buf = slot("buf", name, p.getShape());
                        buf.muli(momentum).addi(g);
                        p.subi(buf.mul(lr));
                    } else {
                        p.subi(g.mul(lr));
                    }
                }
                case RMSPROP -> {
                    NDArray v = slot("v", name, p.getShape());
                    v.muli(RMS_DECAY).addi(g.square().muli(1 - RMS_DECAY));
                    NDArray step = g.div(v.sqrt().addi(EPSILON));
                    if (momentum > 0) {
                        NDArray buf = slot("buf", name, p.getShape());
                        buf.muli(momentum).addi(step);
                        p.subi(buf.mul(lr));
                    } else {
                        p.subi(step.muli(lr));
                    }
                }
            }
        }
    }

    /** Creates the slots this rule needs, so that a step can attach them before it runs. */
    public void prepare(Map<String, NDArray> parameters, double momentum) {
        parameters.forEach((name, p) -> {
            for (String s : slotNames(kind, momentum)) {
                slot(s, name, p.getShape());
            }
        });
    }

    private static List<String> slotNames(OptimizerKind kind, double momentum) {
        return switch (kind) {
            case ADAM, ADAMW -> List.of("m", "v");
            case SGD -> momentum > 0 ? List.of("buf") : List.of();
            case RMSPROP -> momentum > 0 ? List.of("v", "buf") : List.of("v");
        };
    }

    /** The state arrays, for a step's scope to attach temporarily. */
    public NDArray[] stateArrays() {
        return slots.values().toArray(new NDArray[0]);
    }

    private NDArray slot(String slot, String parameter, Shape shape) {
        String key = slot + "." + parameter;
        NDArray a = slots.get(key);
        if (a == null) {
            a = manager.zeros(shape);
            slots.put(key, a);
        }
        return a;
    }

    /** The state as plain values by slot name, for a checkpoint. */
    public Map<String, float[]> exportState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        slots.forEach((k, a) -> out.put(k, a.toFloatArray()));
        return out;
    }

    /** Restores what {@link #exportState()} wrote; shapes come from the model's parameters. */
    public void importState(OptimizerKind savedKind, Map<String, float[]> values, Map<String, Shape> shapes, long count) {
        clear();
        kind = savedKind;
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            Shape shape = dot < 0 ? null : shapes.get(key.substring(dot + 1));
            if (shape == null) {
                throw new IllegalArgumentException("optimizer state " + key + " belongs to no parameter of this model");
            }
            if (shape.size() != e.getValue().length) {
                throw new IllegalArgumentException("optimizer state " + key + " has " + e.getValue().length
                        + " values but its parameter has shape " + shape);
            }
            slots.put(key, manager.create(e.getValue(), shape));
        }
        updates = count;
    }

    /** Shape of every slot, for the checkpoint writer. */
    public Map<String, Shape> shapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        slots.forEach((k, a) -> out.put(k, a.getShape()));
        return out;
    }

    /** A copy of the state kept in the engine, for a rollback. */
    public Copy copy(NDManager target) {
        Map<String, NDArray> c = new LinkedHashMap<>();
        slots.forEach((k, a) -> {
            NDArray d = a.duplicate();
            d.attach(target);
            c.put(k, d);
        });
        return new Copy(kind, updates, c);
    }

    /** State as {@link #copy} took it. */
    public record Copy(OptimizerKind kind, long updates, Map<String, NDArray> slots) {}

    public void restore(Copy copy) {
        clear();
        kind = copy.kind();
        updates = copy.updates();
        for (Map.Entry<String, NDArray> e : new ArrayList<>(copy.slots().entrySet())) {
            NDArray d = e.getValue().duplicate();
            d.attach(manager);
            slots.put(e.getKey(), d);
        }
    }

    public void clear() {
        slots.values().forEach(NDArray::close);
        slots.clear();
        updates = 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.train.TrainSettings.OptimizerKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam, AdamW, SGD and RMSprop as PyTorch computes them. The state of all parameters lives in
 * one flat array per slot (m, v, buf), so an update is a dozen engine operations whatever the
 * number of parameters: each operation costs a parallel region, which on a busy machine is
 * dearer than the arithmetic. For checkpoints the state is exported per slot and parameter
 * ({@code m.lstm.0.w_ih}). Weight decay touches weight matrices only, never biases, as nanoGPT does.
 */
public final class Optimizer implements AutoCloseable {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;
    /** RMSprop's smoothing constant (PyTorch's alpha). */
    public static final double RMS_DECAY = 0.99;

    private final NDManager manager;
    private final Map<String, NDArray> slots = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private long size;
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

    /** All gradients as one flat array, in their map's order (the parameters' order). */
    public static NDArray flatten(Map<String, NDArray> gradients) {
        NDList parts = new NDList(gradients.size());
        gradients.values().forEach(g -> parts.add(g.reshape(-1)));
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
    }

    /**
     * Applies one update in place, from the flat (already clipped) gradient. Temporaries belong
     * to the gradient's manager; the parameters and slots must be attached to it for the step.
     */
    public void update(Map<String, NDArray> parameters, NDArray gradient, double lr, double momentum,
            double weightDecay) {
        layout(parameters);
        updates++;
        NDArray g = gradient;
        if (weightDecay > 0 && kind == OptimizerKind.ADAMW) {
            for (NDArray p : parameters.values()) {
                if (p.getShape().dimension() > 1) {
                    p.muli(1 - lr * weightDecay);
                }
            }
        } else if (weightDecay > 0) {
            // L2 joins a new gradient, the caller's left intact; split parts are copies on MXNet, so
            // adding to them in place would be lost.
            NDList parts = names.size() == 1 ? new NDList(gradient) : gradient.split(offsets());
            int i = 0;
            for (NDArray p : parameters.values()) {
                if (p.getShape().dimension() > 1) {
                    parts.set(i, parts.get(i).add(p.reshape(-1).mul(weightDecay)));
                }
                i++;
            }
            g = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        }
        NDArray delta = switch (kind) {
            case ADAM, ADAMW -> {
                NDArray m = slot("m");
                NDArray v = slot("v");
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                double c1 = 1 - Math.pow(BETA1, updates);
                double c2 = Math.sqrt(1 - Math.pow(BETA2, updates));
                // PyTorch's lr/c1 · m / (√v / c2 + ε), with c2 moved out of the denominator.
                yield m.div(v.sqrt().addi(EPSILON * c2)).muli(lr * c2 / c1);
            }
            case SGD -> {
                if (momentum > 0) {
                    NDArray buf = slot("buf");
                    buf.muli(momentum).addi(g);
                    yield buf.mul(lr);
                }
                yield g.mul(lr);
            }
            case RMSPROP -> {
                NDArray v = slot("v");
                v.muli(RMS_DECAY).addi(g.square().muli(1 - RMS_DECAY));
                NDArray step = g.div(v.sqrt().addi(EPSILON));
                if (momentum > 0) {
                    NDArray buf = slot("buf");
                    buf.muli(momentum).addi(step);
                    yield buf.mul(lr);
                }
                yield step.muli(lr);
            }
        };
        NDList deltas = names.size() == 1 ? new NDList(delta) : delta.split(offsets());
        int i = 0;
        for (NDArray p : parameters.values()) {
            p.subi(deltas.get(i).reshape(shapes.get(i)));
            i++;
        }
    }

    /** Creates the slots this rule needs, so that a step can attach them before it runs. */
    public void prepare(Map<String, NDArray> parameters, double momentum) {
        layout(parameters);
        for (String s : slotNames(kind, momentum)) {
            slot(s);
        }
    }

    /** Takes the parameters' order and shapes; a different set of parameters drops the state. */
    private void layout(Map<String, NDArray> parameters) {
        List<String> n = new ArrayList<>(parameters.keySet());
        List<Shape> s = new ArrayList<>();
        parameters.values().forEach(p -> s.add(p.getShape()));
        if (n.equals(names) && s.equals(shapes)) {
            return;
        }
        if (!names.isEmpty()) {
            clear();
        }
        names.clear();
        names.addAll(n);
        shapes.clear();
        shapes.addAll(s);
        size = 0;
        for (Shape shape : shapes) {
            size += shape.size();
        }
    }

    /** Split points of the flat array between parameters. */
    private long[] offsets() {
        long[] out = new long[names.size() - 1];
        long at = 0;
        for (int i = 0; i < out.length; i++) {
            at += shapes.get(i).size();
            out[i] = at;
        }
        return out;
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

    private NDArray slot(String slot) {
        NDArray a = slots.get(slot);
        if (a == null) {
            a = manager.zeros(new Shape(size));
            slots.put(slot, a);
        }
        return a;
    }

    /** The state as plain values by slot and parameter ({@code m.output.bias}), for a checkpoint. */
    public Map<String, float[]> exportState() {
        Map<String, float[]> out = new LinkedHashMap<>();
        slots.forEach((slot, flat) -> {
            float[] all = flat.toFloatArray();
            int at = 0;
            for (int i = 0; i < names.size(); i++) {
                int n = (int) shapes.get(i).size();
                out.put(slot + "." + names.get(i), java.util.Arrays.copyOfRange(all, at, at + n));
                at += n;
            }
        });
        return out;
    }

    /** Shape of every exported entry, for the checkpoint writer. */
    public Map<String, Shape> shapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (String slot : slots.keySet()) {
            for (int i = 0; i < names.size(); i++) {
                out.put(slot + "." + names.get(i), shapes.get(i));
            }
        }
        return out;
    }

    /**
     * Restores what {@link #exportState()} wrote. {@code shapes} are the model's parameters in
     * order; a parameter missing from {@code values} starts from zeros.
     */
    public void importState(OptimizerKind savedKind, Map<String, float[]> values, Map<String, Shape> parameterShapes,
            long count) {
        clear();
        kind = savedKind;
        names.clear();
        shapes.clear();
        names.addAll(parameterShapes.keySet());
        shapes.addAll(parameterShapes.values());
        size = 0;
        for (Shape s : shapes) {
            size += s.size();
        }
        Map<String, float[]> bySlot = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            int index = dot < 0 ? -1 : names.indexOf(key.substring(dot + 1));
            if (index < 0) {
                throw new IllegalArgumentException("optimizer state " + key + " belongs to no parameter of this model");
            }
            if (shapes.get(index).size() != e.getValue().length) {
                throw new IllegalArgumentException("optimizer state " + key + " has " + e.getValue().length
                        + " values but its parameter has shape " + shapes.get(index));
            }
            float[] flat = bySlot.computeIfAbsent(key.substring(0, dot), k -> new float[(int) size]);
            long at = 0;
            for (int i = 0; i < index; i++) {
                at += shapes.get(i).size();
            }
            System.arraycopy(e.getValue(), 0, flat, (int) at, e.getValue().length);
        }
        bySlot.forEach((slot, flat) -> slots.put(slot, manager.create(flat, new Shape(size))));
        updates = count;
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
        for (Map.Entry<String, NDArray> e : copy.slots().entrySet()) {
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

package lstmsh.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.engine.EngineSupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Embedding → the engine's fused LSTM → linear softmax. Parameters are plain named arrays
 * owned by the model's manager, named as PyTorch names them ({@code lstm.0.w_ih} ...), with
 * PyTorch's gate order (i, f, g, o). Layers may differ in size: each run of equal-size layers
 * is one engine call (one per layer where the engine's multi-layer packing is not known), and
 * every layer's h and c go to the caller.
 */
public final class LstmLanguageModel implements AutoCloseable {

    public static final String EMBEDDING = "embedding";
    public static final String OUTPUT_WEIGHT = "output.weight";
    public static final String OUTPUT_BIAS = "output.bias";
    /** A layer's parameters in the order the engine's LSTM call takes them. */
    private static final String[] LAYER_PARTS = {"w_ih", "w_hh", "b_ih", "b_hh"};

    private final ModelSettings settings;
    private final Vocabulary vocabulary;
    private final Tokenizer tokenizer;
    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();

    private LstmLanguageModel(ModelSettings settings, Vocabulary vocabulary, Tokenizer tokenizer) {
        this.settings = settings;
        this.vocabulary = vocabulary;
        this.tokenizer = tokenizer;
        this.manager = EngineSupport.engine().newBaseManager(EngineSupport.device());
    }

    /** A new model with freshly initialised weights, reproducible from the settings' seed. */
    public static LstmLanguageModel create(
            ModelSettings settings, Vocabulary vocabulary, Tokenizer tokenizer) {
        LstmLanguageModel model = new LstmLanguageModel(settings, vocabulary, tokenizer);
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (Map.Entry<String, Shape> e : model.parameterShapes().entrySet()) {
            model.put(e.getKey(), initialValues(settings, e.getKey(), e.getValue(), random), e.getValue());
        }
        return model;
    }

    /** A model whose parameters are given (a checkpoint); shapes were checked by the caller. */
    public static LstmLanguageModel withParameters(
            ModelSettings settings,
            Vocabulary vocabulary,
            Tokenizer tokenizer,
            Map<String, float[]> values) {
        LstmLanguageModel model = new LstmLanguageModel(settings, vocabulary, tokenizer);
        for (Map.Entry<String, Shape> e : model.parameterShapes().entrySet()) {
            model.put(e.getKey(), values.get(e.getKey()), e.getValue());
        }
        return model;
    }

    /** Every parameter's name and shape, in a fixed order, for this architecture. */
    public Map<String, Shape> parameterShapes() {
        return parameterShapes(settings, vocabulary.size());
    }

    public static Map<String, Shape> parameterShapes(ModelSettings settings, int vocabularySize) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put(EMBEDDING, new Shape(vocabularySize, settings.embed()));
        int in = settings.embed();
        for (int l = 0; l < settings.layers(); l++) {
            int h = settings.hidden().get(l);
            shapes.put(layerName(l, "w_ih"), new Shape(4L * h, in));
            shapes.put(layerName(l, "w_hh"), new Shape(4L * h, h));
            shapes.put(layerName(l, "b_ih"), new Shape(4L * h));
            shapes.put(layerName(l, "b_hh"), new Shape(4L * h));
            in = h;
        }
        if (!settings.tie()) {
            shapes.put(OUTPUT_WEIGHT, new Shape(vocabularySize, in));
        }
        shapes.put(OUTPUT_BIAS, new Shape(vocabularySize));
        return shapes;
    }

    public static String layerName(int layer, String part) {
        return "lstm." + layer + "." + part;
    }

    private static float[] initialValues(ModelSettings settings, String name, Shape shape, SplittableRandom random) {
        if (shape.dimension() == 1) {
            float[] values = new float[(int) shape.size()];
            if (name.endsWith(".b_ih") && settings.forgetBias() != 0) {
                // Gates are stacked i, f, g, o: the second quarter is the forget gate's.
                int h = values.length / 4;
                java.util.Arrays.fill(values, h, 2 * h, settings.forgetBias());
            }
            return values; // other biases start at zero
        }
        return settings.init().values(shape.get(0), shape.get(1), name.startsWith("lstm.") ? 4 : 1, random);
    }

    private void put(String name, float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setName(name);
        array.setRequiresGradient(true);
        parameters.put(name, array);
    }

    public ModelSettings settings() {
        return settings;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public NDManager manager() {
        return manager;
    }

    /** Parameters by name, in a fixed order; the arrays are live, not copies. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** A parameter by name; with tied weights {@code output.weight} is the embedding. */
    public NDArray parameter(String name) {
        if (settings.tie() && OUTPUT_WEIGHT.equals(name)) {
            name = EMBEDDING;
        }
        NDArray a = parameters.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return a;
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters.values()) {
            n += a.getShape().size();
        }
        return n;
    }

    /** A zero state for {@code batch} sequences, owned by {@code target}. */
    public LstmState zeroState(NDManager target, int batch) {
        List<NDArray> h = new ArrayList<>();
        List<NDArray> c = new ArrayList<>();
        for (int size : settings.hidden()) {
            h.add(target.zeros(new Shape(1, batch, size)));
            c.add(target.zeros(new Shape(1, batch, size)));
        }
        return new LstmState(h, c);
    }

    /** What one forward pass returns: logits and the state after the last step. */
    public record Output(NDArray logits, NDArray topOutput, LstmState state) {}

    /**
     * Runs a (batch, steps) int64 token array through the model. New arrays belong to the
     * manager of {@code tokens}; the caller closes that manager.
     *
     * @param state the state to start from, or null for zeros
     */
    public Output forward(NDArray tokens, LstmState state, boolean training) {
        return forward(tokens, state, training, EngineSupport.ops().fusesLayers());
    }

    /**
     * As {@link #forward(NDArray, LstmState, boolean)}; {@code fused}: one engine call per run of
     * equal-size layers, with the engine's own dropout between them, else one call per layer.
     */
    Output forward(NDArray tokens, LstmState state, boolean training, boolean fused) {
        int batch = (int) tokens.getShape().get(0);
        NDManager scope = tokens.getManager();
        NDArray x = Embedding.embedding(tokens, parameters.get(EMBEDDING), SparseFormat.DENSE)
                .singletonOrThrow();
        if (training && settings.embedDropout() > 0) {
            x = Dropout.dropout(x, settings.embedDropout(), true).singletonOrThrow();
        }
        List<NDArray> hs = new ArrayList<>();
        List<NDArray> cs = new ArrayList<>();
        for (StateDictNames.LayerRun run : fused ? StateDictNames.runs(settings.hidden()) : singleLayers()) {
            if (run.firstLayer() > 0 && training && settings.dropout() > 0) {
                x = Dropout.dropout(x, settings.dropout(), true).singletonOrThrow();
            }
            NDList params = new NDList(4 * run.count());
            for (int l = run.firstLayer(); l < run.firstLayer() + run.count(); l++) {
                for (String part : LAYER_PARTS) {
                    params.add(parameters.get(layerName(l, part)));
                }
            }
            NDList out = x.getNDArrayInternal().lstm(x, runState(state, run, scope, batch), params, true, run.count(),
                    training ? settings.dropout() : 0, training, false, true);
            x = out.get(0);
            addLayers(out.get(1), run.count(), hs);
            addLayers(out.get(2), run.count(), cs);
        }
        NDArray top = x;
        if (training && settings.outputDropout() > 0) {
            x = Dropout.dropout(x, settings.outputDropout(), true).singletonOrThrow();
        }
        NDArray logits =
                Linear.linear(x, parameter(OUTPUT_WEIGHT), parameters.get(OUTPUT_BIAS))
                        .singletonOrThrow();
        return new Output(logits, top, new LstmState(hs, cs));
    }

    private List<StateDictNames.LayerRun> singleLayers() {
        List<StateDictNames.LayerRun> runs = new ArrayList<>();
        for (int l = 0; l < settings.layers(); l++) {
            runs.add(new StateDictNames.LayerRun(l, 1, settings.hidden().get(l)));
        }
        return runs;
    }

    /** The (count, batch, hidden) h and c a run starts from: zeros, or its layers' states stacked. */
    private static NDList runState(LstmState state, StateDictNames.LayerRun run, NDManager scope, int batch) {
        if (state == null) {
            Shape shape = new Shape(run.count(), batch, run.hidden());
            return new NDList(scope.zeros(shape), scope.zeros(shape));
        }
        int from = run.firstLayer();
        int to = from + run.count();
        if (run.count() == 1) {
            return new NDList(state.h().get(from), state.c().get(from));
        }
        return new NDList(NDArrays.concat(new NDList(state.h().subList(from, to))),
                NDArrays.concat(new NDList(state.c().subList(from, to))));
    }

    /** Splits a run's (count, batch, hidden) state into one (1, batch, hidden) array per layer. */
    private static void addLayers(NDArray stacked, int count, List<NDArray> into) {
        if (count == 1) {
            into.add(stacked);
            return;
        }
        into.addAll(stacked.split(count));
    }

    /** Copies every parameter's values out of the engine, e.g. to keep the best weights. */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, array) -> copy.put(name, array.toFloatArray()));
        return copy;
    }

    /**
     * Overwrites every parameter with values from {@link #snapshot()}. The arrays are replaced,
     * which also drops any gradient left on them.
     */
    public void restore(Map<String, float[]> values) {
        for (Map.Entry<String, NDArray> e : new ArrayList<>(parameters.entrySet())) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("snapshot lacks " + e.getKey());
            }
            Shape shape = e.getValue().getShape();
            e.getValue().close();
            put(e.getKey(), v, shape);
        }
    }

    /** Copies of every parameter kept in the engine, owned by {@code target}: cheap to take often. */
    public Map<String, NDArray> copyParameters(NDManager target) {
        Map<String, NDArray> copy = new LinkedHashMap<>();
        parameters.forEach((name, array) -> {
            NDArray c = array.duplicate();
            c.attach(target);
            copy.put(name, c);
        });
        return copy;
    }

    /** Overwrites every parameter with copies of arrays from {@link #copyParameters}. */
    public void restoreParameters(Map<String, NDArray> copies) {
        for (Map.Entry<String, NDArray> e : new ArrayList<>(parameters.entrySet())) {
            NDArray v = copies.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("copy lacks " + e.getKey());
            }
            NDArray array = v.duplicate();
            array.attach(manager);
            array.setName(e.getKey());
            array.setRequiresGradient(true);
            e.getValue().close();
            parameters.put(e.getKey(), array);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

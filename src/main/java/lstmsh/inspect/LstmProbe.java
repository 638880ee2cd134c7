package lstmsh.inspect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.model.ModelSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one token sequence through the model twice: once with the fused LSTM op, as training
 * and sampling do, and once step by step from the weights with the engine's matrix ops,
 * keeping every gate. Comparing the two shows that the recomputed gates are the model's own.
 */
public final class LstmProbe {

    private LstmProbe() {}

    /** One layer's activations, [step][unit], recomputed from its weights. */
    public record LayerTrace(
            int hidden,
            float[][] input,
            float[][] forget,
            float[][] candidate,
            float[][] output,
            float[][] cell,
            float[][] h) {

        public int steps() {
            return h.length;
        }

        /** One gate's activations in [0, 1] for shading: sigmoid gates as they are, tanh units mapped from [-1, 1]. */
        public float[][] shaded(Gate gate) {
            return switch (gate) {
                case INPUT -> input;
                case FORGET -> forget;
                case OUTPUT -> output;
                case CANDIDATE -> toUnit(candidate);
                case CELL -> toUnit(tanh(cell));
                case H -> toUnit(h);
            };
        }
    }

    /** What a layer trace can show: the three gates, the cell candidate g, the cell state c (through tanh) and h. */
    public enum Gate {
        INPUT("input", "i"),
        FORGET("forget", "f"),
        OUTPUT("output", "o"),
        CANDIDATE("candidate", "g"),
        CELL("cell", "c"),
        H("h", "h");

        private final String word;
        private final String letter;

        Gate(String word, String letter) {
            this.word = word;
            this.letter = letter;
        }

        public String word() {
            return word;
        }

        public static List<String> words() {
            return Arrays.stream(values()).map(Gate::word).toList();
        }

        /** By its word or its letter (i, f, o, g, c, h). */
        public static Gate parse(String name) {
            for (Gate g : values()) {
                if (g.word.equals(name) || g.letter.equals(name)) {
                    return g;
                }
            }
            throw new IllegalArgumentException(
                    "unknown gate '" + name + "'; use input, forget, output, candidate, cell or h");
        }
    }

    /**
     * What the fused op returned and what the recomputation found.
     *
     * @param fusedOutput the output sequence of the top layer, [step][unit]
     * @param fusedH h_n of each layer, [layer][unit]
     * @param fusedC c_n of each layer, [layer][unit]
     */
    public record Result(
            int[] tokens,
            float[][] fusedOutput,
            float[][] fusedH,
            float[][] fusedC,
            List<LayerTrace> layers) {

        public int steps() {
            return tokens.length;
        }

        /** Largest difference between the recomputed h and c and the fused op's, all layers. */
        public double recomputationError() {
            double worst = 0;
            int top = layers.size() - 1;
            for (int t = 0; t < steps(); t++) {
                worst = Math.max(worst, Vectors.maxAbsDiff(layers.get(top).h()[t], fusedOutput[t]));
            }
            for (int l = 0; l < layers.size(); l++) {
                LayerTrace trace = layers.get(l);
                worst = Math.max(worst, Vectors.maxAbsDiff(trace.h()[steps() - 1], fusedH[l]));
                worst = Math.max(worst, Vectors.maxAbsDiff(trace.cell()[steps() - 1], fusedC[l]));
            }
            return worst;
        }
    }

    public static Result run(LstmLanguageModel model, int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("no tokens to run");
        }
        ModelSettings settings = model.settings();
        try (NDManager scope = model.manager().newSubManager()) {
            LstmLanguageModel.Output fused = forward(model, tokens, scope);
            float[][] fusedOutput = rows(fused.topOutput().toFloatArray(), tokens.length);
            float[][] fusedH = new float[settings.layers()][];
            float[][] fusedC = new float[settings.layers()][];
            for (int l = 0; l < settings.layers(); l++) {
                fusedH[l] = fused.state().h().get(l).toFloatArray();
                fusedC[l] = fused.state().c().get(l).toFloatArray();
            }
            List<LayerTrace> layers = recompute(model, tokens, null, scope);
            return new Result(tokens.clone(), fusedOutput, fusedH, fusedC, layers);
        }
    }

    /**
     * Every layer's activations over {@code tokens}, recomputed from the weights starting from
     * {@code start} (batch 1) instead of zeros: a stretch late in a long sequence without the steps before it.
     */
    public static List<LayerTrace> traceFrom(LstmLanguageModel model, LstmState start, int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("no tokens to run");
        }
        EngineSupport.ops().setGradMode(false);
        try (NDManager scope = model.manager().newSubManager()) {
            return recompute(model, tokens, start, scope);
        }
    }

    /** @param start the state before the first token, or null for zeros */
    private static List<LayerTrace> recompute(LstmLanguageModel model, int[] tokens, LstmState start, NDManager scope) {
        ModelSettings settings = model.settings();
        NDArray embedding = model.parameter(LstmLanguageModel.EMBEDDING);
        int steps = tokens.length;
        float[] table = embedding.toFloatArray();
        int width = settings.embed();
        float[][] inputs = new float[steps][width];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(table, tokens[t] * width, inputs[t], 0, width);
        }
        List<LayerTrace> traces = new ArrayList<>();
        for (int l = 0; l < settings.layers(); l++) {
            int hidden = settings.hidden().get(l);
            NDArray wih = model.parameter(LstmLanguageModel.layerName(l, "w_ih"));
            NDArray whh = model.parameter(LstmLanguageModel.layerName(l, "w_hh"));
            NDArray bih = model.parameter(LstmLanguageModel.layerName(l, "b_ih"));
            NDArray bhh = model.parameter(LstmLanguageModel.layerName(l, "b_hh"));
            scope.tempAttachAll(wih, whh, bih, bhh);
            NDArray weights = wih.concat(whh, 1).transpose();
            NDArray bias = bih.add(bhh).reshape(1, -1);
            float[][] gi = new float[steps][];
            float[][] gf = new float[steps][];
            float[][] gg = new float[steps][];
            float[][] go = new float[steps][];
            float[][] cs = new float[steps][];
            float[][] hs = new float[steps][];
            NDArray h = start == null ? scope.zeros(new Shape(1, hidden))
                    : scope.create(start.h().get(l).toFloatArray(), new Shape(1, hidden));
            NDArray c = start == null ? scope.zeros(new Shape(1, hidden))
                    : scope.create(start.c().get(l).toFloatArray(), new Shape(1, hidden));
            for (int t = 0; t < steps; t++) {
                try (NDManager step = scope.newSubManager()) {
                    NDArray xt = step.create(inputs[t], new Shape(1, inputs[t].length));
                    NDArray gates = xt.concat(h, 1).matMul(weights).addi(bias);
                    NDList parts = gates.split(4, 1);
                    NDArray i = Activation.sigmoid(parts.get(0));
                    NDArray f = Activation.sigmoid(parts.get(1));
                    NDArray g = parts.get(2).tanh();
                    NDArray o = Activation.sigmoid(parts.get(3));
                    NDArray newC = f.mul(c).addi(i.mul(g));
                    NDArray newH = o.mul(newC.tanh());
                    gi[t] = i.toFloatArray();
                    gf[t] = f.toFloatArray();
                    gg[t] = g.toFloatArray();
                    go[t] = o.toFloatArray();
                    cs[t] = newC.toFloatArray();
                    hs[t] = newH.toFloatArray();
                    newH.attach(scope);
                    newC.attach(scope);
                    h.close();
                    c.close();
                    h = newH;
                    c = newC;
                }
            }
            traces.add(new LayerTrace(hidden, gi, gf, gg, go, cs, hs));
            inputs = hs;
        }
        return traces;
    }

    /** h_n of every layer for one input, with the fused op only. */
    public static float[][] finalStates(LstmLanguageModel model, int[] tokens) {
        try (NDManager scope = model.manager().newSubManager()) {
            LstmLanguageModel.Output out = forward(model, tokens, scope);
            float[][] states = new float[out.state().layers()][];
            for (int l = 0; l < states.length; l++) {
                states[l] = out.state().h().get(l).toFloatArray();
            }
            return states;
        }
    }

    private static LstmLanguageModel.Output forward(LstmLanguageModel model, int[] tokens, NDManager scope) {
        EngineSupport.ops().setGradMode(false);
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        return model.forward(scope.create(ids, new Shape(1, tokens.length)), null, false);
    }

    /** tanh of every value. */
    static float[][] tanh(float[][] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new float[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = (float) Math.tanh(values[i][j]);
            }
        }
        return out;
    }

    /** Maps [-1, 1] to [0, 1]. */
    static float[][] toUnit(float[][] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new float[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                out[i][j] = (values[i][j] + 1) / 2;
            }
        }
        return out;
    }

    private static float[][] rows(float[] flat, int steps) {
        int width = flat.length / steps;
        float[][] out = new float[steps][width];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(flat, t * width, out[t], 0, width);
        }
        return out;
    }
}

package lstmsh.inspect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;

import lstmsh.engine.EngineSupport;
import lstmsh.engine.IntraOpThreads;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.util.LstmshException;

import java.util.ArrayList;
import java.util.List;

/**
 * h and c of every unit of every layer at every step of a long text. Each layer runs through the
 * fused LSTM op in chunks (the state carried over); c, which the op keeps to itself, comes from
 * the gates recomputed for the whole chunk at once from the known h sequence, and the op's own
 * c at the chunk's end checks it.
 */
public final class CellStates {

    /** Steps per chunk: long enough for big matrix products, short enough to bound memory. */
    static final int CHUNK = 1024;
    /** Most values (steps × units × 2) kept at once: about 256 MB. */
    public static final long MAX_VALUES = 64L << 20;
    /** Largest difference allowed between the recomputed c and the fused op's. */
    static final double TOLERANCE = 1e-3;

    private CellStates() {}

    /** One layer's states, [unit][step]. */
    public record Layer(int index, float[][] h, float[][] c) {
        public int hidden() {
            return h.length;
        }
    }

    public record Recording(int[] tokens, List<Layer> layers) {
        public int steps() {
            return tokens.length;
        }

        public Layer layer(int index) {
            return layers.get(index);
        }
    }

    /** The most steps {@link #record} keeps for this model. */
    public static int maxSteps(ModelSettings settings) {
        long perStep = 2L * settings.hidden().stream().mapToInt(Integer::intValue).sum();
        return (int) Math.min(Integer.MAX_VALUE, MAX_VALUES / perStep);
    }

    public static Recording record(LstmLanguageModel model, int[] tokens) {
        ModelSettings settings = model.settings();
        int steps = tokens.length;
        if (steps == 0) {
            throw new LstmshException("no text to run the model over");
        }
        if (steps > maxSteps(settings)) {
            throw new LstmshException("at most " + maxSteps(settings) + " tokens fit for this model (every unit is kept"
                    + " at every step); give fewer with --tokens");
        }
        int layers = settings.layers();
        float[][][] hs = new float[layers][][];
        float[][][] cs = new float[layers][][];
        float[][] h0 = new float[layers][];
        float[][] c0 = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int hidden = settings.hidden().get(l);
            hs[l] = new float[hidden][steps];
            cs[l] = new float[hidden][steps];
            h0[l] = new float[hidden];
            c0[l] = new float[hidden];
        }
        EngineSupport.ops().setGradMode(false);
        try (NDManager scope = model.manager().newSubManager()) {
            List<NDArray[]> weights = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                NDArray wih = model.parameter(LstmLanguageModel.layerName(l, "w_ih"));
                NDArray whh = model.parameter(LstmLanguageModel.layerName(l, "w_hh"));
                NDArray bih = model.parameter(LstmLanguageModel.layerName(l, "b_ih"));
                NDArray bhh = model.parameter(LstmLanguageModel.layerName(l, "b_hh"));
                scope.tempAttachAll(wih, whh, bih, bhh);
                weights.add(new NDArray[] {wih, whh, bih, bhh, wih.transpose(), whh.transpose(), bih.add(bhh)});
            }
            NDArray embedding = model.parameter(LstmLanguageModel.EMBEDDING);
            for (int from = 0; from < steps; from += CHUNK) {
                int len = Math.min(CHUNK, steps - from);
                try (NDManager chunk = scope.newSubManager()) {
                    long[] ids = new long[len];
                    for (int t = 0; t < len; t++) {
                        ids[t] = tokens[from + t];
                    }
                    NDArray x = Embedding.embedding(chunk.create(ids, new Shape(1, len)), embedding, SparseFormat.DENSE)
                            .singletonOrThrow();
                    for (int l = 0; l < layers; l++) {
                        x = layer(chunk, x, weights.get(l), l, from, len, hs, cs, h0, c0);
                    }
                }
            }
        }
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            out.add(new Layer(l, hs[l], cs[l]));
        }
        return new Recording(tokens.clone(), out);
    }

    /** Runs one layer over one chunk, stores its h and c, and returns its output for the next layer. */
    private static NDArray layer(NDManager chunk, NDArray x, NDArray[] w, int l, int from, int len,
            float[][][] hs, float[][][] cs, float[][] h0, float[][] c0) {
        int hidden = h0[l].length;
        NDArray hStart = chunk.create(h0[l], new Shape(1, 1, hidden));
        NDArray cStart = chunk.create(c0[l], new Shape(1, 1, hidden));
        NDList out;
        // Step by step the op is many tiny products, where more threads only wait on each other.
        try (IntraOpThreads threads = IntraOpThreads.limit(1)) {
            out = x.getNDArrayInternal().lstm(x, new NDList(hStart, cStart), new NDList(w[0], w[1], w[2], w[3]),
                    true, 1, 0, false, false, true);
        }
        NDArray hSeq = out.get(0).reshape(len, hidden);
        NDArray previous = hStart.reshape(1, hidden).concat(hSeq.get(new NDIndex("0:{}", len - 1)), 0);
        NDArray gates = x.reshape(len, -1).matMul(w[4]).addi(previous.matMul(w[5])).addi(w[6]);
        NDArray input = Activation.sigmoid(gates.get(new NDIndex(":, 0:{}", hidden)));
        NDArray forget = Activation.sigmoid(gates.get(new NDIndex(":, {}:{}", hidden, 2 * hidden)));
        NDArray candidate = gates.get(new NDIndex(":, {}:{}", 2 * hidden, 3 * hidden)).tanh();
        float[] f = forget.toFloatArray();
        float[] written = input.mul(candidate).toFloatArray();
        float[] h = hSeq.toFloatArray();
        float[] c = c0[l];
        float[][] hl = hs[l];
        float[][] cl = cs[l];
        for (int t = 0; t < len; t++) {
            int row = t * hidden;
            for (int u = 0; u < hidden; u++) {
                c[u] = f[row + u] * c[u] + written[row + u];
                hl[u][from + t] = h[row + u];
                cl[u][from + t] = c[u];
            }
        }
        float[] fusedC = out.get(2).toFloatArray();
        double error = Vectors.maxAbsDiff(c, fusedC);
        if (!(error <= TOLERANCE * Math.max(1, Vectors.norm(fusedC) / Math.sqrt(hidden)))) {
            throw new IllegalStateException("recomputed cell state of layer " + l + " differs from the fused LSTM's by " + error);
        }
        // Carry the op's own c, so rounding does not build up from chunk to chunk.
        c0[l] = fusedC;
        h0[l] = out.get(1).toFloatArray();
        return out.get(0);
    }
}

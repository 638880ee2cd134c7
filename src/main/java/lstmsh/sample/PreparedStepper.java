package lstmsh.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

/**
 * One step of the LSTM written with the engine's matrix ops on weights prepared once. For
 * batch 1 this costs less than a call of the fused LSTM op, whose fixed cost per call
 * dominates at one step, so the preparation aims at the fewest ops per step:
 * <ul>
 *   <li>the first layer's input projection is a table, embedding · W_ih + biases, one row per
 *       token, so its gates are one linear op on h;
 *   <li>a deeper layer's gates are one linear op on [x, h] with W_ih and W_hh side by side;
 *   <li>the cell-candidate gate's rows are doubled, so a single sigmoid over all four gates
 *       (PyTorch's order i, f, g, o) also gives g, as tanh(z) = 2σ(2z) − 1.
 * </ul>
 */
public final class PreparedStepper implements Stepper {

    /** Above this many floats the first layer's table is not kept; its rows are computed per step instead. */
    static final long TABLE_LIMIT = 8L << 20;

    private final NDManager manager;
    private final int vocabulary;
    /** Layer 0's input gates per token, (vocabulary, 4H), or null above the limit. */
    private final NDArray table;
    /** Rows of the table, taken out on first use. */
    private final NDArray[] rows;
    private final NDArray embedding;
    private final NDArray inputWeight0;
    private final NDArray inputBias0;
    private final NDArray[] weights;
    private final NDArray[] biases;
    private final NDArray outputWeight;
    private final NDArray outputBias;
    private final NDArray[] h;
    private final NDArray[] c;
    private final int[] hidden;

    public PreparedStepper(LstmLanguageModel model) {
        this(model, TABLE_LIMIT);
    }

    PreparedStepper(LstmLanguageModel model, long tableLimit) {
        EngineSupport.ops().setGradMode(false);
        ModelSettings settings = model.settings();
        int layers = settings.layers();
        manager = model.manager().newSubManager();
        weights = new NDArray[layers];
        biases = new NDArray[layers];
        h = new NDArray[layers];
        c = new NDArray[layers];
        hidden = new int[layers];
        try (NDManager scope = manager.newSubManager()) {
            NDArray emb = model.parameter(LstmLanguageModel.EMBEDDING);
            scope.tempAttachAll(emb);
            vocabulary = (int) emb.getShape().get(0);
            NDArray inputWeight = null;
            NDArray inputBias = null;
            for (int l = 0; l < layers; l++) {
                hidden[l] = settings.hidden().get(l);
                NDArray wih = model.parameter(LstmLanguageModel.layerName(l, "w_ih"));
                NDArray whh = model.parameter(LstmLanguageModel.layerName(l, "w_hh"));
                NDArray bih = model.parameter(LstmLanguageModel.layerName(l, "b_ih"));
                NDArray bhh = model.parameter(LstmLanguageModel.layerName(l, "b_hh"));
                scope.tempAttachAll(wih, whh, bih, bhh);
                NDArray scale = gateScale(scope, hidden[l]);
                NDArray bias = bih.add(bhh).mul(scale);
                if (l == 0) {
                    // (4H, in) scaled per gate row; the table is embedding · W_ihᵀ + b.
                    inputWeight = wih.mul(scale.reshape(-1, 1));
                    inputBias = bias;
                    weights[l] = whh.mul(scale.reshape(-1, 1));
                    biases[l] = null;
                } else {
                    weights[l] = wih.concat(whh, 1).mul(scale.reshape(-1, 1));
                    biases[l] = bias;
                    biases[l].attach(manager);
                }
                weights[l].attach(manager);
            }
            long tableSize = (long) vocabulary * 4 * hidden[0];
            if (tableSize <= tableLimit) {
                table = Linear.linear(emb, inputWeight, inputBias).singletonOrThrow();
                table.attach(manager);
                embedding = null;
                inputWeight0 = null;
                inputBias0 = null;
            } else {
                table = null;
                embedding = emb.duplicate();
                embedding.attach(manager);
                inputWeight0 = inputWeight;
                inputWeight0.attach(manager);
                inputBias0 = inputBias;
                inputBias0.attach(manager);
            }
            rows = new NDArray[table == null ? 0 : vocabulary];
            NDArray ow = model.parameter(LstmLanguageModel.OUTPUT_WEIGHT);
            NDArray ob = model.parameter(LstmLanguageModel.OUTPUT_BIAS);
            scope.tempAttachAll(ow, ob);
            outputWeight = ow.duplicate();
            outputWeight.attach(manager);
            outputBias = ob.duplicate();
            outputBias.attach(manager);
        }
        reset();
    }

    /** 1 for the rows of gates i, f and o, 2 for those of g. */
    private static NDArray gateScale(NDManager scope, int hiddenSize) {
        float[] s = new float[4 * hiddenSize];
        for (int i = 0; i < s.length; i++) {
            s[i] = i >= 2 * hiddenSize && i < 3 * hiddenSize ? 2f : 1f;
        }
        return scope.create(s);
    }

    @Override
    public void reset() {
        for (int l = 0; l < h.length; l++) {
            if (h[l] != null) {
                h[l].close();
                c[l].close();
            }
            h[l] = manager.zeros(new Shape(1, hidden[l]));
            c[l] = manager.zeros(new Shape(1, hidden[l]));
        }
    }

    @Override
    public float[] feed(int token) {
        if (token < 0 || token >= vocabulary) {
            throw new IllegalArgumentException("token " + token + " outside the vocabulary of " + vocabulary);
        }
        try (NDManager step = manager.newSubManager()) {
            // The old state closes with the step, and every op on it creates its result there.
            for (int l = 0; l < h.length; l++) {
                h[l].attach(step);
                c[l].attach(step);
            }
            NDArray[] newH = new NDArray[h.length];
            NDArray[] newC = new NDArray[h.length];
            NDArray x = null;
            for (int l = 0; l < h.length; l++) {
                NDArray gates;
                if (l == 0) {
                    gates = Linear.linear(h[0], weights[0], inputRow(token, step)).singletonOrThrow();
                } else {
                    gates = Linear.linear(x.concat(h[l], 1), weights[l], biases[l]).singletonOrThrow();
                }
                NDList parts = Activation.sigmoid(gates).split(4, 1);
                NDArray i = parts.get(0);
                NDArray f = parts.get(1);
                NDArray g = parts.get(2).muli(2).subi(1); // tanh of the unscaled gate
                NDArray o = parts.get(3);
                newC[l] = f.mul(c[l]).addi(i.muli(g));
                newH[l] = o.muli(newC[l].tanh());
                x = newH[l];
            }
            float[] logits = Linear.linear(x, outputWeight, outputBias).singletonOrThrow().toFloatArray();
            // Only the new state outlives the step; everything else closes with it.
            for (int l = 0; l < h.length; l++) {
                newH[l].attach(manager);
                newC[l].attach(manager);
                h[l] = newH[l];
                c[l] = newC[l];
            }
            return logits;
        }
    }

    /** Layer 0's input gates for a token, (4H): a kept table row, or computed when the table is too large. */
    private NDArray inputRow(int token, NDManager step) {
        if (table != null) {
            NDArray row = rows[token];
            if (row == null) {
                row = table.get(new NDIndex("{}", token)).duplicate();
                row.attach(manager);
                rows[token] = row;
            }
            return row;
        }
        NDArray e = embedding.get(new NDIndex("{}:{}", token, token + 1));
        e.attach(step);
        return Linear.linear(e, inputWeight0, inputBias0).singletonOrThrow().reshape(-1);
    }

    /** The hidden state of a layer, (1, hidden), for comparison with the fused op. */
    public float[] hidden(int layer) {
        return h[layer].toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}

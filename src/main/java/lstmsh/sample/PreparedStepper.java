package lstmsh.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import lstmsh.engine.EngineSupport;
import lstmsh.engine.IntraOpThreads;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

/**
 * One step of the LSTM written with the engine's matrix ops on weights prepared once: per
 * layer [x, h] · W + b gives all four gates (PyTorch's order i, f, g, o) in one product. For
 * batch 1 this costs less than a call of the fused LSTM op, whose fixed cost per call
 * dominates at one step.
 */
public final class PreparedStepper implements Stepper {

    private final NDManager manager;
    /** Batch 1 is a few small ops a step: one thread is as fast idle and far faster on a busy machine. */
    private final IntraOpThreads threads;
    private final float[][] embedding;
    private final NDArray[] weights;
    private final NDArray[] biases;
    private final NDArray outputWeight;
    private final NDArray outputBias;
    private final NDArray[] h;
    private final NDArray[] c;
    private final int[] hidden;

    public PreparedStepper(LstmLanguageModel model) {
        EngineSupport.ops().setGradMode(false);
        ModelSettings settings = model.settings();
        int layers = settings.layers();
        manager = model.manager().newSubManager();
        NDArray emb = model.parameter(LstmLanguageModel.EMBEDDING);
        int vocabulary = (int) emb.getShape().get(0);
        int width = (int) emb.getShape().get(1);
        float[] flat = emb.toFloatArray();
        embedding = new float[vocabulary][width];
        for (int t = 0; t < vocabulary; t++) {
            System.arraycopy(flat, t * width, embedding[t], 0, width);
        }
        weights = new NDArray[layers];
        biases = new NDArray[layers];
        h = new NDArray[layers];
        c = new NDArray[layers];
        hidden = new int[layers];
        try (NDManager scope = manager.newSubManager()) {
            for (int l = 0; l < layers; l++) {
                hidden[l] = settings.hidden().get(l);
                NDArray wih = model.parameter(LstmLanguageModel.layerName(l, "w_ih"));
                NDArray whh = model.parameter(LstmLanguageModel.layerName(l, "w_hh"));
                NDArray bih = model.parameter(LstmLanguageModel.layerName(l, "b_ih"));
                NDArray bhh = model.parameter(LstmLanguageModel.layerName(l, "b_hh"));
                scope.tempAttachAll(wih, whh, bih, bhh);
                weights[l] = wih.concat(whh, 1).transpose().duplicate();
                weights[l].attach(manager);
                biases[l] = bih.add(bhh).reshape(1, -1);
                biases[l].attach(manager);
            }
            NDArray ow = model.parameter(LstmLanguageModel.OUTPUT_WEIGHT);
            NDArray ob = model.parameter(LstmLanguageModel.OUTPUT_BIAS);
            scope.tempAttachAll(ow, ob);
            outputWeight = ow.transpose().duplicate();
            outputWeight.attach(manager);
            outputBias = ob.reshape(1, -1).duplicate();
            outputBias.attach(manager);
        }
        reset();
        threads = IntraOpThreads.limit(1); // last, so a failed preparation leaves the engine as it was
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
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(embedding[token], new Shape(1, embedding[token].length));
            NDArray[] newH = new NDArray[h.length];
            NDArray[] newC = new NDArray[h.length];
            for (int l = 0; l < h.length; l++) {
                NDArray gates = x.concat(h[l], 1).matMul(weights[l]).addi(biases[l]);
                NDList parts = gates.split(4, 1);
                NDArray i = Activation.sigmoid(parts.get(0));
                NDArray f = Activation.sigmoid(parts.get(1));
                NDArray g = parts.get(2).tanh();
                NDArray o = Activation.sigmoid(parts.get(3));
                newC[l] = f.muli(c[l]).addi(i.muli(g));
                newH[l] = o.muli(newC[l].tanh());
                x = newH[l];
            }
            float[] logits = x.matMul(outputWeight).addi(outputBias).toFloatArray();
            // Only the new state outlives the step; everything else closes with it.
            for (int l = 0; l < h.length; l++) {
                newH[l].attach(manager);
                newC[l].attach(manager);
                h[l].close();
                c[l].close();
                h[l] = newH[l];
                c[l] = newC[l];
            }
            return logits;
        }
    }

    /** The hidden state of a layer, (1, hidden), for comparison with the fused op. */
    public float[] hidden(int layer) {
        return h[layer].toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
        threads.close();
    }
}

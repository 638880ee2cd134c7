package lstmsh.interop;

import lstmsh.interop.KerasFile.Layer;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.model.StateDictNames;
import lstmsh.util.LstmshException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keras 3 {@code Embedding → LSTM … → Dense} model as a state dict in the {@link StateDictNames}
 * naming. Keras keeps an LSTM's kernel as (in, 4h) and its recurrent kernel as (h, 4h) with gates
 * i, f, c, o, which are PyTorch's i, f, g, o: both are transposed. Keras has one bias per LSTM;
 * it becomes {@code bias_ih} and {@code bias_hh} is zero, which sums to the same gate inputs.
 */
public final class KerasImport {

    public static final String SUPPORTED = "Embedding → LSTM (one or more) → Dense, with Dropout between them allowed";

    /** Layers that hold nothing lstmsh needs at inference. */
    private static final Set<String> PASSED_OVER = Set.of("InputLayer", "Dropout", "SpatialDropout1D", "Activation");
    private static final Set<String> OUTPUT_ACTIVATIONS = Set.of("", "linear", "softmax");

    /** The weights in the canonical naming, and what the user should know about the conversion. */
    public record Converted(Map<String, Tensor> stateDict, List<String> notes) {}

    private KerasImport() {}

    /**
     * Reads {@code file} and checks it against a vocabulary of {@code vocabularySize} tokens.
     *
     * @throws LstmshException naming what was found and what is supported
     */
    public static Converted read(Path file, int vocabularySize) {
        KerasFile.Contents contents = KerasFile.read(file);
        Layer embedding = null;
        Layer dense = null;
        List<Layer> lstms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Layer layer : contents.layers()) {
            switch (layer.className()) {
                case "Embedding" -> {
                    refuseIf(embedding != null || !lstms.isEmpty() || dense != null, file, layer, "a second Embedding or one after an LSTM");
                    embedding = layer;
                }
                case "LSTM" -> {
                    refuseIf(embedding == null && contents.configured(), file, layer, "an LSTM before any Embedding");
                    refuseIf(dense != null, file, layer, "an LSTM after the Dense layer");
                    lstms.add(layer);
                }
                case "Dense" -> {
                    refuseIf(dense != null, file, layer, "a second Dense layer");
                    refuseIf(lstms.isEmpty() && contents.configured(), file, layer, "a Dense layer before any LSTM");
                    dense = layer;
                }
                case "Activation" -> {
                    if (layer.config() != null) {
                        checkOutputActivation(file, layer, KerasFile.text(layer.config(), "activation"));
                    }
                }
                default -> {
                    boolean harmless = PASSED_OVER.contains(layer.className())
                            || (!contents.configured() && layer.variables().isEmpty());
                    refuseIf(!harmless, file, layer, "a Keras " + layer.className() + " layer");
                }
            }
        }
        if (embedding == null || lstms.isEmpty() || dense == null) {
            String missing = embedding == null ? "Embedding" : lstms.isEmpty() ? "LSTM layer" : "Dense output layer";
            throw new LstmshException(file + " holds no " + missing
                    + "; import keras reads " + SUPPORTED);
        }
        if (!contents.configured()) {
            notes.add(file.getFileName() + " holds weights only: activations taken as Keras' defaults (tanh, recurrent "
                    + "sigmoid); import the .keras file to have them checked");
        }
        Map<String, Tensor> stateDict = new LinkedHashMap<>();
        Tensor table = variable(file, embedding, 0, 2);
        if (table.shape()[0] != vocabularySize) {
            throw new LstmshException("the vocabulary has " + vocabularySize + " tokens but the Keras Embedding ('"
                    + embedding.name() + "') has " + table.shape()[0] + " rows; give the vocabulary file the model was "
                    + "trained with");
        }
        if (embedding.config() != null && embedding.config().has("mask_zero")
                && embedding.config().get("mask_zero").getAsBoolean()) {
            notes.add("the Embedding masks id 0 in Keras (mask_zero); lstmsh reads id 0 as an ordinary token");
        }
        stateDict.put(StateDictNames.EMBEDDING, table);
        List<Integer> hidden = new ArrayList<>();
        List<Tensor[]> layerWeights = new ArrayList<>();
        int in = (int) table.shape()[1];
        for (Layer lstm : lstms) {
            Tensor[] weights = lstmWeights(file, lstm, in);
            hidden.add((int) weights[1].shape()[1]);
            layerWeights.add(weights);
            in = hidden.get(hidden.size() - 1);
        }
        Map<String, String> names = StateDictNames.of(new ModelSettings((int) table.shape()[1], hidden, 0f, 1));
        for (int l = 0; l < hidden.size(); l++) {
            Tensor[] w = layerWeights.get(l);
            stateDict.put(names.get(LstmLanguageModel.layerName(l, "w_ih")), w[0]);
            stateDict.put(names.get(LstmLanguageModel.layerName(l, "w_hh")), w[1]);
            if (w[2] != null) {
                stateDict.put(names.get(LstmLanguageModel.layerName(l, "b_ih")), w[2]);
                stateDict.put(names.get(LstmLanguageModel.layerName(l, "b_hh")), new Tensor(w[2].shape(),
                        new float[w[2].values().length]));
            }
        }
        putOutput(file, dense, in, vocabularySize, stateDict);
        return new Converted(stateDict, notes);
    }

    /** An LSTM's weights in PyTorch's layout: w_ih (4h, in), w_hh (4h, h), bias (4h) or null. */
    private static Tensor[] lstmWeights(Path file, Layer lstm, int in) {
        if (lstm.config() != null) {
            String activation = KerasFile.text(lstm.config(), "activation");
            String recurrent = KerasFile.text(lstm.config(), "recurrent_activation");
            if (!activation.equals("tanh") || !recurrent.equals("sigmoid")) {
                throw new LstmshException("the Keras LSTM '" + lstm.name() + "' uses activation " + activation
                        + " and recurrent activation " + recurrent + "; lstmsh's LSTM is tanh with sigmoid gates (the"
                        + " Keras defaults)");
            }
            refuseIf(KerasFile.text(lstm.config(), "go_backwards").equals("true"), file, lstm,
                    "an LSTM that reads backwards (go_backwards)");
        }
        Tensor kernel = variable(file, lstm, 0, 2);
        Tensor recurrent = variable(file, lstm, 1, 2);
        long h = recurrent.shape()[0];
        if (recurrent.shape()[1] != 4 * h || kernel.shape()[1] != 4 * h) {
            throw new LstmshException("the Keras layer '" + lstm.name() + "' has kernels " + kernel.shapeText() + " and "
                    + recurrent.shapeText() + "; an LSTM's are (in, 4 × units) and (units, 4 × units)");
        }
        if (kernel.shape()[0] != in) {
            throw new LstmshException("the Keras LSTM '" + lstm.name() + "' takes inputs of width " + kernel.shape()[0]
                    + " but the layer below it gives " + in + "; import keras reads " + SUPPORTED);
        }
        Tensor bias = lstm.variables().size() > 2 ? variable(file, lstm, 2, 1) : null;
        if (bias != null && bias.shape()[0] != 4 * h) {
            throw new LstmshException("the Keras LSTM '" + lstm.name() + "' has a bias of shape " + bias.shapeText()
                    + "; an LSTM's is (4 × units) = (" + 4 * h + ")");
        }
        return new Tensor[] {transpose(kernel), transpose(recurrent), bias};
    }

    private static void putOutput(Path file, Layer dense, int top, int vocabularySize, Map<String, Tensor> stateDict) {
        if (dense.config() != null) {
            checkOutputActivation(file, dense, KerasFile.text(dense.config(), "activation"));
        }
        Tensor kernel = variable(file, dense, 0, 2);
        if (kernel.shape()[0] != top || kernel.shape()[1] != vocabularySize) {
            throw new LstmshException("the Keras Dense layer '" + dense.name() + "' has kernel " + kernel.shapeText()
                    + " but an output layer over the top LSTM's " + top + " units and the vocabulary's "
                    + vocabularySize + " tokens is (" + top + ", " + vocabularySize + "); import keras reads " + SUPPORTED);
        }
        stateDict.put(StateDictNames.DECODER_WEIGHT, transpose(kernel));
        if (dense.variables().size() > 1) {
            Tensor bias = variable(file, dense, 1, 1);
            stateDict.put(StateDictNames.DECODER_BIAS, bias);
        }
    }

    private static void checkOutputActivation(Path file, Layer layer, String activation) {
        if (!OUTPUT_ACTIVATIONS.contains(activation)) {
            throw new LstmshException("the Keras layer '" + layer.name() + "' in " + file + " applies " + activation
                    + "; lstmsh's output gives logits for a softmax (Dense with activation linear or softmax)");
        }
    }

    private static Tensor variable(Path file, Layer layer, int index, int rank) {
        if (layer.variables().size() <= index || layer.variables().get(index).shape().length != rank) {
            throw new LstmshException(file + ": the Keras " + layer.className() + " '" + layer.name()
                    + "' does not hold the weights a " + layer.className() + " has (found "
                    + layer.variables().stream().map(Tensor::shapeText).toList() + "); " + KerasFile.WHAT_IS_READ);
        }
        return layer.variables().get(index);
    }

    private static void refuseIf(boolean refused, Path file, Layer layer, String found) {
        if (refused) {
            throw new LstmshException(file + " holds " + found + " ('" + layer.name() + "'); import keras reads "
                    + SUPPORTED);
        }
    }

    /** A (rows, cols) row-major matrix as (cols, rows). */
    static Tensor transpose(Tensor t) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = t.values()[r * cols + c];
            }
        }
        return new Tensor(new long[] {cols, rows}, out);
    }
}

package lstmsh.interop;

import com.google.gson.Gson;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;

import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.util.AtomicFiles;
import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as the {@code .weights.h5} file Keras 3's {@code model.load_weights} reads for
 * {@code Embedding → LSTM … → Dense} built in that order: the layout {@link KerasImport} reads,
 * kernels transposed back to (in, 4h) and (h, 4h), and Keras' one LSTM bias the sum of PyTorch's two.
 * The vocabulary goes beside it as a JSON list.
 */
public final class KerasExport {

    public static final String SUFFIX = ".weights.h5";

    /** The files written and the Python that rebuilds the Keras model and loads them. */
    public record Written(Path weights, Path vocabulary, List<String> python) {}

    private KerasExport() {}

    public static Written write(LstmLanguageModel model, Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
            throw new LstmshException("Keras loads weights only from a file named NAME" + SUFFIX + "; e.g. export keras "
                    + "model" + SUFFIX);
        }
        Path vocabulary = file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".vocab.json");
        Map<String, float[]> values = model.snapshot();
        ModelSettings settings = model.settings();
        int size = model.vocabulary().size();
        try {
            AtomicFiles.write(file, temporary -> writeWeights(temporary, values, settings, size));
            AtomicFiles.write(vocabulary, temporary -> Files.writeString(temporary,
                    new Gson().toJson(model.vocabulary().tokens()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LstmshException("cannot write " + file + ": " + FileErrors.reason(e), e);
        } catch (HdfException e) {
            throw new LstmshException("cannot write " + file + ": " + (e.getCause() instanceof IOException io
                    ? FileErrors.reason(io) : "the HDF5 writer failed"), e);
        }
        return new Written(file, vocabulary, python(settings, file, vocabulary));
    }

    private static void writeWeights(Path target, Map<String, float[]> values, ModelSettings settings, int size) {
        try (WritableHdfFile hdf = HdfFile.write(target)) {
            WritableGroup layers = hdf.putGroup("layers");
            float[] embedding = values.get(LstmLanguageModel.EMBEDDING);
            layers.putGroup("embedding").putGroup("vars").putDataset("0", matrix(embedding, size, settings.embed()));
            int in = settings.embed();
            for (int l = 0; l < settings.layers(); l++) {
                int h = settings.hidden().get(l);
                WritableGroup lstm = layers.putGroup(l == 0 ? "lstm" : "lstm_" + l);
                // Keras keeps an RNN's variables on its cell; the layer's own group is empty.
                lstm.putGroup("vars");
                WritableGroup vars = lstm.putGroup("cell").putGroup("vars");
                vars.putDataset("0", transposed(values.get(LstmLanguageModel.layerName(l, "w_ih")), 4 * h, in));
                vars.putDataset("1", transposed(values.get(LstmLanguageModel.layerName(l, "w_hh")), 4 * h, h));
                float[] bias = values.get(LstmLanguageModel.layerName(l, "b_ih")).clone();
                float[] recurrentBias = values.get(LstmLanguageModel.layerName(l, "b_hh"));
                for (int i = 0; i < bias.length; i++) {
                    bias[i] += recurrentBias[i];
                }
                vars.putDataset("2", bias);
                in = h;
            }
            float[] output = settings.tie() ? embedding : values.get(LstmLanguageModel.OUTPUT_WEIGHT);
            WritableGroup dense = layers.putGroup("dense").putGroup("vars");
            dense.putDataset("0", transposed(output, size, in));
            dense.putDataset("1", values.get(LstmLanguageModel.OUTPUT_BIAS));
        }
    }

    private static float[][] matrix(float[] values, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, m[r], 0, cols);
        }
        return m;
    }

    /** A row-major (rows, cols) matrix as (cols, rows). */
    private static float[][] transposed(float[] values, int rows, int cols) {
        float[][] m = new float[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[c][r] = values[r * cols + c];
            }
        }
        return m;
    }

    private static List<String> python(ModelSettings settings, Path weights, Path vocabulary) {
        List<String> lines = new ArrayList<>();
        lines.add("import json, keras");
        lines.add("tokens = json.load(open(\"" + vocabulary + "\", encoding=\"utf-8\"))");
        lines.add("model = keras.Sequential([keras.Input((None,), dtype=\"int32\"),");
        lines.add("    keras.layers.Embedding(len(tokens), " + settings.embed() + "),");
        for (int h : settings.hidden()) {
            lines.add("    keras.layers.LSTM(" + h + ", return_sequences=True),");
        }
        lines.add("    keras.layers.Dense(len(tokens))])");
        lines.add("model.load_weights(\"" + weights + "\")");
        return lines;
    }
}

package lstmsh.checkpoint;

import ai.djl.ndarray.types.Shape;

import lstmsh.interop.Tensor;
import lstmsh.util.LstmshException;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the arrays of a checkpoint fit the model its manifest describes, and when not, what
 * differs in the user's terms: a missing or extra parameter, or a shape read as the setting
 * it implies.
 */
final class ShapeCheck {

    private ShapeCheck() {}

    /** The carried LSTM state as read: h and c of each layer, bottom first, and the batch size. */
    record Carried(List<float[]> h, List<float[]> c, int batch) {}

    /** The values of {@code stored} in the order of {@code expected}, or an error naming what differs. */
    static Map<String, float[]> parameters(Path file, Map<String, Tensor> stored,
            Map<String, Shape> expected, ModelSettings settings, int vocabularySize) {
        for (String name : stored.keySet()) {
            if (!expected.containsKey(name)) {
                throw new LstmshException(file + " holds " + name + ", which a model with "
                        + Manifest.FILE + "'s settings (" + describe(settings, vocabularySize)
                        + ") does not have; the files come from different models");
            }
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            Tensor entry = stored.get(e.getKey());
            if (entry == null) {
                throw new LstmshException(file + " lacks " + e.getKey() + ", which " + Manifest.FILE
                        + "'s settings (" + describe(settings, vocabularySize) + ") need; the checkpoint is damaged");
            }
            long[] want = e.getValue().getShape();
            if (!Arrays.equals(entry.shape(), want)) {
                throw new LstmshException(file + ": " + e.getKey() + " has shape "
                        + Arrays.toString(entry.shape()) + " but " + Manifest.FILE + " says " + Arrays.toString(want)
                        + " (" + meaning(e.getKey(), entry.shape(), want) + "); the files come from different models");
            }
            values.put(e.getKey(), entry.values());
        }
        return values;
    }

    /** The carried state of every layer of {@code settings}, each (1, batch, hidden), or an error naming the layer. */
    static Carried carried(Path file, Map<String, Tensor> stored, ModelSettings settings) {
        List<float[]> h = new ArrayList<>();
        List<float[]> c = new ArrayList<>();
        int batch = -1;
        for (int l = 0; l < settings.layers(); l++) {
            Tensor he = stored.get("h." + l);
            Tensor ce = stored.get("c." + l);
            if (he == null || ce == null || he.shape().length != 3 || he.shape()[2] != settings.hidden().get(l)
                    || !Arrays.equals(he.shape(), ce.shape()) || (batch >= 0 && he.shape()[1] != batch)) {
                throw new LstmshException(file + " does not hold the carried state of layer " + l
                        + " (hidden " + settings.hidden().get(l) + "); the files come from different models");
            }
            batch = (int) he.shape()[1];
            h.add(he.values());
            c.add(ce.values());
        }
        return new Carried(h, c, batch);
    }

    /** What a shape difference means in the user's terms. */
    static String meaning(String name, long[] found, long[] want) {
        if (found.length != want.length) {
            return "rank " + found.length + " instead of " + want.length;
        }
        if (name.equals(LstmLanguageModel.EMBEDDING)) {
            return found[0] != want[0] ? "vocabulary " + found[0] + " vs " + want[0]
                    : "embedding width " + found[1] + " vs " + want[1];
        }
        if (name.equals(LstmLanguageModel.OUTPUT_WEIGHT)) {
            return found[0] != want[0] ? "vocabulary " + found[0] + " vs " + want[0]
                    : "top hidden size " + found[1] + " vs " + want[1];
        }
        if (name.equals(LstmLanguageModel.OUTPUT_BIAS)) {
            return "vocabulary " + found[0] + " vs " + want[0];
        }
        if (name.startsWith("lstm.")) {
            String layer = "layer " + name.split("\\.")[1];
            if (found[0] != want[0]) {
                return layer + " hidden size " + found[0] / 4 + " vs " + want[0] / 4;
            }
            return layer + " input width " + found[1] + " vs " + want[1];
        }
        return "shape differs";
    }

    static String describe(ModelSettings s, int vocabularySize) {
        return "vocabulary " + vocabularySize + ", embedding " + s.embed() + ", hidden " + s.hidden()
                + (s.tie() ? ", tied" : "");
    }
}

package lstmsh.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The layers of a Keras 3 model file, in order: a {@code .keras} archive (config.json and
 * model.weights.h5) or a bare {@code .weights.h5}. Keras stores a layer's variables under
 * {@code layers/NAME/vars/0, 1 ...} (an RNN's under {@code layers/NAME/cell/vars}), NAME being the
 * snake-cased class name, numbered {@code _1, _2 ...} in layer order for repeats.
 */
final class KerasFile {

    static final String WHAT_IS_READ =
            "import keras reads what Keras 3 writes with model.save('m.keras') or model.save_weights('m.weights.h5')";

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(?:_(\\d+))?");

    /**
     * One layer: its Keras class, its name, its settings (null without a config.json) and its
     * variables in Keras' order.
     */
    record Layer(String className, String name, JsonObject config, List<Tensor> variables) {}

    /** The layers bottom first; {@code configured} is false for a bare weights file. */
    record Contents(List<Layer> layers, boolean configured) {}

    private KerasFile() {}

    static Contents read(Path file) {
        byte[] head = head(file);
        if (startsWith(head, ZIP_MAGIC)) {
            return readArchive(file);
        }
        if (startsWith(head, HDF5_MAGIC)) {
            try (HdfFile hdf = new HdfFile(file)) {
                return new Contents(layersWithoutConfig(file, hdf), false);
            } catch (HdfException e) {
                throw damaged(file);
            }
        }
        throw new LstmshException(file + " is neither a .keras archive nor an HDF5 weights file; " + WHAT_IS_READ);
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HDF5_MAGIC.length);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + file + ": " + FileErrors.reason(e), e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    private static LstmshException damaged(Path file) {
        return new LstmshException(file + " is an HDF5 file that cannot be read (damaged or cut short?); " + WHAT_IS_READ);
    }

    private static Contents readArchive(Path file) {
        JsonObject config;
        byte[] weights;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            config = JsonParser.parseString(new String(entry(file, zip, "config.json"), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            weights = entry(file, zip, "model.weights.h5");
        } catch (ZipException | IllegalStateException | com.google.gson.JsonParseException e) {
            throw new LstmshException(file + " is a damaged .keras archive; " + WHAT_IS_READ);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + file + ": " + FileErrors.reason(e), e);
        }
        try (HdfFile hdf = HdfFile.fromBytes(weights)) {
            return new Contents(layersFromConfig(file, config, hdf), true);
        } catch (HdfException e) {
            throw damaged(file);
        }
    }

    private static byte[] entry(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new LstmshException(file + " is a zip without " + name + ", so not a Keras 3 .keras file; " + WHAT_IS_READ);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static List<Layer> layersFromConfig(Path file, JsonObject root, HdfFile hdf) {
        JsonObject modelConfig = root.has("config") && root.get("config").isJsonObject()
                ? root.getAsJsonObject("config") : new JsonObject();
        if (!modelConfig.has("layers") || !modelConfig.get("layers").isJsonArray()) {
            throw new LstmshException(file + " holds a Keras " + text(root, "class_name")
                    + " without a list of layers; import keras reads a Sequential or functional model");
        }
        Group saved = layersGroup(file, hdf);
        Map<String, Integer> seen = new HashMap<>();
        List<Layer> layers = new ArrayList<>();
        for (JsonElement element : modelConfig.getAsJsonArray("layers")) {
            JsonObject layer = element.getAsJsonObject();
            String className = text(layer, "class_name");
            JsonObject config = layer.has("config") && layer.get("config").isJsonObject()
                    ? layer.getAsJsonObject("config") : new JsonObject();
            String stored = snakeCase(className);
            int repeat = seen.merge(stored, 1, Integer::sum) - 1;
            if (repeat > 0) {
                stored += "_" + repeat;
            }
            layers.add(new Layer(className, text(config, "name"), config, variables(saved.getChild(stored))));
        }
        return layers;
    }

    private static List<Layer> layersWithoutConfig(Path file, HdfFile hdf) {
        if (hdf.getChild("model_weights") != null || hdf.getAttribute("layer_names") != null) {
            throw new LstmshException(file + " is a Keras 2 HDF5 file; load it in Keras 3 and save it again with "
                    + "model.save('m.keras'), then import that");
        }
        Group saved = layersGroup(file, hdf);
        List<String> names = new ArrayList<>(saved.getChildren().keySet());
        // Without a config the order is the model's own: the embedding first, the output last, and
        // repeats of a class numbered in layer order (lstm, lstm_1 ... lstm_10 after lstm_9).
        names.sort(Comparator.comparingInt((String n) -> stem(n).equals("embedding") ? 0 : stem(n).equals("dense") ? 2 : 1)
                .thenComparing(KerasFile::stem).thenComparingInt(KerasFile::number));
        List<Layer> layers = new ArrayList<>();
        for (String name : names) {
            layers.add(new Layer(className(stem(name)), name, null, variables(saved.getChild(name))));
        }
        return layers;
    }

    private static Group layersGroup(Path file, HdfFile hdf) {
        if (!(hdf.getChild("layers") instanceof Group group)) {
            throw new LstmshException(file + " is an HDF5 file without Keras layers; " + WHAT_IS_READ);
        }
        return group;
    }

    /** A layer's variables: its own, or its cell's for an RNN; none for a layer without weights. */
    private static List<Tensor> variables(Node stored) {
        if (!(stored instanceof Group group)) {
            return List.of();
        }
        Node vars = group.getChild("cell") instanceof Group cell ? cell.getChild("vars") : group.getChild("vars");
        if (!(vars instanceof Group varsGroup)) {
            return List.of();
        }
        Map<Integer, Tensor> byIndex = new java.util.TreeMap<>();
        for (Map.Entry<String, Node> e : varsGroup.getChildren().entrySet()) {
            if (e.getKey().matches("\\d+") && e.getValue() instanceof Dataset dataset) {
                byIndex.put(Integer.parseInt(e.getKey()), tensor(dataset));
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    private static Tensor tensor(Dataset dataset) {
        long[] shape = Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] values) {
            return new Tensor(shape, values);
        }
        if (flat instanceof double[] values) {
            float[] narrowed = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                narrowed[i] = (float) values[i];
            }
            return new Tensor(shape, narrowed);
        }
        throw new LstmshException("the Keras variable " + dataset.getPath() + " holds "
                + dataset.getJavaType().getSimpleName() + " values; import keras reads float32 or float64 weights");
    }

    /** Keras' own rule for the name under which a layer's weights are stored. */
    static String snakeCase(String className) {
        String name = className.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static final Map<String, String> CLASS_OF_STEM = new LinkedHashMap<>();

    static {
        for (String c : List.of("Embedding", "LSTM", "Dense", "GRU", "SimpleRNN", "Bidirectional", "TimeDistributed",
                "Conv1D", "Dropout", "SpatialDropout1D", "InputLayer", "Activation")) {
            CLASS_OF_STEM.put(snakeCase(c), c);
        }
    }

    /** The class a bare weights file's layer name stands for: Keras names them after their class. */
    private static String className(String stem) {
        return CLASS_OF_STEM.getOrDefault(stem, stem);
    }

    private static String stem(String name) {
        Matcher m = NUMBERED.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    private static int number(String name) {
        Matcher m = NUMBERED.matcher(name);
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    static String text(JsonObject object, String key) {
        JsonElement e = object.get(key);
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        // Keras 3 may serialise a function as {"class_name": "function", "config": "tanh"}.
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            return o.has("config") && o.get("config").isJsonPrimitive() ? o.get("config").getAsString() : text(o, "class_name");
        }
        return e.toString();
    }
}

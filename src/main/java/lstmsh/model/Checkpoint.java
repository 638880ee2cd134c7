package lstmsh.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import lstmsh.LstmshException;
import lstmsh.corpus.Tokenizers;
import lstmsh.corpus.Vocabulary;
import lstmsh.train.MetricPoint;
import lstmsh.train.TrainingState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint directory: {@code lstmsh.json} (settings, vocabulary, training position and
 * history), {@code parameters.bin} and {@code optimizer.bin} (see {@link ArrayFile}). It is
 * written beside its target and renamed into place, so a crash never leaves half a checkpoint
 * where a good one was.
 */
public final class Checkpoint {

    public static final int FORMAT = 1;
    public static final String MANIFEST = "lstmsh.json";
    public static final String PARAMETERS = "parameters.bin";
    public static final String OPTIMIZER = "optimizer.bin";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private Checkpoint() {}

    /** What a checkpoint restores. */
    public record Loaded(LstmLanguageModel model, TrainingState training, String corpusSource) {}

    public static void save(Path dir, LstmLanguageModel model, TrainingState training, String corpusSource) {
        dir = dir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LstmshException(dir + " is a file; give a directory path for the checkpoint");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !Files.exists(dir.resolve(MANIFEST))) {
            throw new LstmshException(
                    dir + " exists and is not an lstmsh checkpoint; choose another directory");
        }
        Path parent = dir.getParent();
        String stamp = Long.toString(System.nanoTime());
        Path temporary = parent.resolve("." + dir.getFileName() + ".saving-" + stamp);
        try {
            Files.createDirectories(parent);
            Files.createDirectories(temporary);
            ArrayFile.write(temporary.resolve(PARAMETERS), entries(model.parameters(), model.snapshot()));
            Map<String, float[]> moments = training.optimizer().exportState();
            Map<String, ArrayFile.Entry> optimizer = new LinkedHashMap<>();
            moments.forEach(
                    (name, values) -> {
                        NDArray p = model.parameters().get(name.substring(2));
                        optimizer.put(name, new ArrayFile.Entry(p.getShape().getShape(), values));
                    });
            ArrayFile.write(temporary.resolve(OPTIMIZER), optimizer);
            Files.writeString(
                    temporary.resolve(MANIFEST),
                    GSON.toJson(manifest(model, training, corpusSource)),
                    StandardCharsets.UTF_8);
            Path old = null;
            if (Files.exists(dir)) {
                old = parent.resolve("." + dir.getFileName() + ".old-" + stamp);
                move(dir, old);
            }
            move(temporary, dir);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new LstmshException("could not save to " + dir + ": " + e.getMessage(), e);
        }
        training.markSaved();
    }

    public static Loaded load(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new LstmshException(
                    dir + " is not an lstmsh checkpoint (no " + MANIFEST + "); give a directory made by 'save'");
        }
        JsonObject manifest;
        try {
            manifest = GSON.fromJson(Files.readString(manifestFile, StandardCharsets.UTF_8), JsonObject.class);
        } catch (IOException | JsonParseException e) {
            throw new LstmshException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        try {
            int format = manifest.get("format").getAsInt();
            if (format != FORMAT) {
                throw new LstmshException(
                        dir + " has checkpoint format " + format + "; this lstmsh reads format " + FORMAT);
            }
            JsonObject m = manifest.getAsJsonObject("model");
            List<Integer> hidden = new ArrayList<>();
            m.getAsJsonArray("hidden").forEach(e -> hidden.add(e.getAsInt()));
            ModelSettings settings =
                    new ModelSettings(
                            m.get("embed").getAsInt(),
                            hidden,
                            m.get("dropout").getAsFloat(),
                            m.get("seed").getAsLong());
            List<String> tokens = new ArrayList<>();
            manifest.getAsJsonArray("vocabulary").forEach(e -> tokens.add(e.getAsString()));
            Vocabulary vocabulary = new Vocabulary(tokens);
            Map<String, ArrayFile.Entry> stored = ArrayFile.read(dir.resolve(PARAMETERS));
            Map<String, Shape> expected = LstmLanguageModel.parameterShapes(settings, vocabulary.size());
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : expected.entrySet()) {
                ArrayFile.Entry entry = stored.get(e.getKey());
                if (entry == null) {
                    throw new LstmshException(dir + " lacks parameter " + e.getKey() + "; the checkpoint is damaged");
                }
                if (!Arrays.equals(entry.shape(), e.getValue().getShape())) {
                    throw new LstmshException(
                            "parameter " + e.getKey() + " in " + dir + " has shape "
                                    + Arrays.toString(entry.shape()) + " but its settings need "
                                    + e.getValue() + "; the checkpoint is damaged");
                }
                values.put(e.getKey(), entry.values());
            }
            LstmLanguageModel model =
                    LstmLanguageModel.withParameters(
                            settings, vocabulary, Tokenizers.forLevel(manifest.get("tokenizer").getAsString()), values);
            TrainingState training = new TrainingState(model.manager());
            JsonObject t = manifest.getAsJsonObject("training");
            training.restorePosition(t.get("step").getAsLong(), t.get("window").getAsLong());
            Path optimizerFile = dir.resolve(OPTIMIZER);
            if (Files.exists(optimizerFile)) {
                Map<String, float[]> moments = new LinkedHashMap<>();
                ArrayFile.read(optimizerFile).forEach((k, v) -> moments.put(k, v.values()));
                training.optimizer().importState(moments, expected, t.get("optimizerUpdates").getAsLong());
            }
            List<MetricPoint> history = new ArrayList<>();
            for (JsonElement row : t.getAsJsonArray("history")) {
                JsonArray r = row.getAsJsonArray();
                history.add(new MetricPoint(r.get(0).getAsLong(), number(r.get(1)), number(r.get(2)),
                        number(r.get(3)), number(r.get(4))));
            }
            training.restoreHistory(history, number(t.get("bestValLoss")), t.get("bestValStep").getAsLong());
            training.markSaved();
            String source = manifest.has("corpus") ? manifest.get("corpus").getAsString() : "";
            return new Loaded(model, training, source);
        } catch (IOException e) {
            throw new LstmshException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        } catch (NullPointerException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new LstmshException(dir.resolve(MANIFEST) + " is damaged or incomplete; save the model again");
        } catch (IllegalArgumentException e) {
            throw new LstmshException(dir.resolve(MANIFEST) + " holds invalid settings: " + e.getMessage());
        }
    }

    private static JsonObject manifest(LstmLanguageModel model, TrainingState training, String corpusSource) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("tokenizer", model.tokenizer().level());
        root.addProperty("corpus", corpusSource == null ? "" : corpusSource);
        JsonObject m = new JsonObject();
        m.addProperty("embed", model.settings().embed());
        JsonArray hidden = new JsonArray();
        model.settings().hidden().forEach(hidden::add);
        m.add("hidden", hidden);
        m.addProperty("dropout", model.settings().dropout());
        m.addProperty("seed", model.settings().seed());
        m.addProperty("parameters", model.parameterCount());
        root.add("model", m);
        JsonArray vocabulary = new JsonArray();
        model.vocabulary().tokens().forEach(vocabulary::add);
        root.add("vocabulary", vocabulary);
        JsonObject t = new JsonObject();
        t.addProperty("step", training.globalStep());
        t.addProperty("window", training.window());
        t.addProperty("optimizerUpdates", training.optimizer().updates());
        t.add("bestValLoss", json(training.bestValLoss()));
        t.addProperty("bestValStep", training.bestValStep());
        JsonArray history = new JsonArray();
        for (MetricPoint p : training.history()) {
            JsonArray row = new JsonArray();
            row.add(p.step());
            row.add(json(p.loss()));
            row.add(json(p.valLoss()));
            row.add(json(p.lr()));
            row.add(json(p.gradNorm()));
            history.add(row);
        }
        t.add("history", history);
        root.add("training", t);
        return root;
    }

    private static JsonElement json(double v) {
        return Double.isFinite(v) ? new com.google.gson.JsonPrimitive(v) : com.google.gson.JsonNull.INSTANCE;
    }

    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static Map<String, ArrayFile.Entry> entries(Map<String, NDArray> parameters, Map<String, float[]> values) {
        Map<String, ArrayFile.Entry> out = new LinkedHashMap<>();
        parameters.forEach((name, array) -> out.put(name, new ArrayFile.Entry(array.getShape().getShape(), values.get(name))));
        return out;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless: its name starts with a dot.
        }
    }
}

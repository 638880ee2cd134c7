package lstmsh.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import lstmsh.LstmshException;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.model.ModelSettings;
import lstmsh.util.AtomicFiles;
import lstmsh.corpus.Tokenizers;
import lstmsh.corpus.Vocabulary;
import lstmsh.train.MetricPoint;
import lstmsh.train.RunRecord;
import lstmsh.train.TrainSettings;
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
    public static final String STATE = "state.bin";
    public static final String BEST = "best.bin";

    /** Called after the first file is written, before the rename; tests use it to simulate a crash. */
    static volatile Runnable midSave = () -> { };

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
            midSave.run();
            Map<String, Shape> slotShapes = training.optimizer().shapes();
            Map<String, ArrayFile.Entry> optimizer = new LinkedHashMap<>();
            training.optimizer().exportState().forEach(
                    (name, values) -> optimizer.put(name, new ArrayFile.Entry(slotShapes.get(name).getShape(), values)));
            ArrayFile.write(temporary.resolve(OPTIMIZER), optimizer);
            LstmState carried = training.carried();
            if (carried != null) {
                Map<String, ArrayFile.Entry> state = new LinkedHashMap<>();
                for (int l = 0; l < carried.layers(); l++) {
                    state.put("h." + l, entry(carried.h().get(l)));
                    state.put("c." + l, entry(carried.c().get(l)));
                }
                ArrayFile.write(temporary.resolve(STATE), state);
            }
            Map<String, NDArray> best = training.bestWeights();
            if (best != null) {
                Map<String, ArrayFile.Entry> bestEntries = new LinkedHashMap<>();
                best.forEach((name, array) -> bestEntries.put(name, entry(array)));
                ArrayFile.write(temporary.resolve(BEST), bestEntries);
            }
            Files.writeString(
                    temporary.resolve(MANIFEST),
                    GSON.toJson(manifest(model, training, corpusSource)),
                    StandardCharsets.UTF_8);
            Path old = null;
            if (Files.exists(dir)) {
                old = parent.resolve("." + dir.getFileName() + ".old-" + stamp);
                AtomicFiles.moveIntoPlace(dir, old);
            }
            AtomicFiles.moveIntoPlace(temporary, dir);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            if (e instanceof LstmshException le) {
                throw le;
            }
            throw new LstmshException("could not save to " + dir + ": " + e.getMessage()
                    + (Files.isDirectory(dir) ? "; the checkpoint there is unchanged" : ""), e);
        }
        training.markSaved();
    }

    public static Loaded load(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.exists(dir)) {
            Path previous = interruptedSave(dir);
            throw new LstmshException(previous == null
                    ? "no such checkpoint: " + dir
                    : "no checkpoint at " + dir + ", but a save there was interrupted; the previous checkpoint is intact at "
                            + previous + ": rename it to " + dir.getFileName() + " to use it");
        }
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
                            m.get("seed").getAsLong(),
                            m.has("embedDropout") ? m.get("embedDropout").getAsFloat() : ModelSettings.DEFAULT_EMBED_DROPOUT,
                            m.has("outputDropout") ? m.get("outputDropout").getAsFloat() : ModelSettings.DEFAULT_OUTPUT_DROPOUT,
                            m.has("tie") && m.get("tie").getAsBoolean(),
                            Init.parse(m.has("init") ? m.get("init").getAsString() : ModelSettings.DEFAULT_INIT),
                            m.has("forgetBias") ? m.get("forgetBias").getAsFloat() : ModelSettings.DEFAULT_FORGET_BIAS);
            List<String> tokens = new ArrayList<>();
            manifest.getAsJsonArray("vocabulary").forEach(e -> tokens.add(e.getAsString()));
            Vocabulary vocabulary = new Vocabulary(tokens);
            Map<String, Shape> expected = LstmLanguageModel.parameterShapes(settings, vocabulary.size());
            Map<String, float[]> values = checked(dir, PARAMETERS, ArrayFile.read(dir.resolve(PARAMETERS)), expected,
                    settings, vocabulary.size());
            LstmLanguageModel model =
                    LstmLanguageModel.withParameters(
                            settings, vocabulary, Tokenizers.forLevel(manifest.get("tokenizer").getAsString()), values);
            TrainingState training = new TrainingState(model.manager());
            try {
                JsonObject t = manifest.getAsJsonObject("training");
                training.restorePosition(t.get("step").getAsLong(), t.get("window").getAsLong());
                if (t.has("dataShape")) {
                    training.restoreDataShape(t.get("dataShape").getAsString(), t.get("perEpoch").getAsInt());
                }
                if (t.has("seed")) {
                    training.restoreSeed(t.get("seed").getAsLong());
                }
                Path optimizerFile = dir.resolve(OPTIMIZER);
                if (Files.exists(optimizerFile)) {
                    Map<String, float[]> slots = new LinkedHashMap<>();
                    ArrayFile.read(optimizerFile).forEach((k, v) -> slots.put(k, v.values()));
                    TrainSettings.OptimizerKind kind = t.has("optimizer")
                            ? TrainSettings.OptimizerKind.parse(t.get("optimizer").getAsString())
                            : TrainSettings.OptimizerKind.ADAM;
                    try {
                        training.optimizer().importState(kind, slots, expected, t.get("optimizerUpdates").getAsLong());
                    } catch (IllegalArgumentException e) {
                        throw new LstmshException(dir.resolve(OPTIMIZER) + " does not fit the model in " + MANIFEST + ": "
                                + e.getMessage() + "; the files come from different models");
                    }
                }
                Path stateFile = dir.resolve(STATE);
                if (Files.exists(stateFile)) {
                    Map<String, ArrayFile.Entry> stored = ArrayFile.read(stateFile);
                    List<float[]> h = new ArrayList<>();
                    List<float[]> c = new ArrayList<>();
                    int batch = -1;
                    for (int l = 0; l < settings.layers(); l++) {
                        ArrayFile.Entry he = stored.get("h." + l);
                        ArrayFile.Entry ce = stored.get("c." + l);
                        if (he == null || ce == null || he.shape().length != 3 || he.shape()[2] != settings.hidden().get(l)
                                || !Arrays.equals(he.shape(), ce.shape()) || (batch >= 0 && he.shape()[1] != batch)) {
                            throw new LstmshException(stateFile + " does not hold the carried state of layer " + l
                                    + " (hidden " + settings.hidden().get(l) + "); the files come from different models");
                        }
                        batch = (int) he.shape()[1];
                        h.add(he.values());
                        c.add(ce.values());
                    }
                    training.restoreCarried(h, c, batch, settings.hidden());
                }
                Path bestFile = dir.resolve(BEST);
                if (Files.exists(bestFile)) {
                    training.restoreBestWeights(
                            checked(dir, BEST, ArrayFile.read(bestFile), expected, settings, vocabulary.size()), expected);
                }
                List<MetricPoint> history = new ArrayList<>();
                for (JsonElement row : t.getAsJsonArray("history")) {
                    JsonArray r = row.getAsJsonArray();
                    history.add(new MetricPoint(r.get(0).getAsLong(), number(r.get(1)), number(r.get(2)),
                            number(r.get(3)), number(r.get(4))));
                }
                training.restoreHistory(history, number(t.get("bestValLoss")), t.get("bestValStep").getAsLong());
                if (t.has("evalsSinceBest")) {
                    training.restoreCounters(t.get("evalsSinceBest").getAsInt(), t.get("plateauScale").getAsDouble(),
                            t.get("plateauWait").getAsInt());
                }
                List<RunRecord> runs = new ArrayList<>();
                if (t.has("runs")) {
                    for (JsonElement row : t.getAsJsonArray("runs")) {
                        JsonObject r = row.getAsJsonObject();
                        runs.add(new RunRecord(r.get("start").getAsLong(), r.get("end").getAsLong(),
                                r.get("settings").getAsString(), r.get("stop").getAsString(), number(r.get("seconds")),
                                number(r.get("tokPerS")), number(r.get("valLoss"))));
                    }
                }
                training.restoreRuns(runs);
                training.markSaved();
            } catch (RuntimeException | IOException e) {
                training.close();
                model.close();
                throw e;
            }
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
        m.addProperty("embedDropout", model.settings().embedDropout());
        m.addProperty("outputDropout", model.settings().outputDropout());
        m.addProperty("tie", model.settings().tie());
        m.addProperty("init", model.settings().init().toString());
        m.addProperty("forgetBias", model.settings().forgetBias());
        m.addProperty("parameters", model.parameterCount());
        root.add("model", m);
        JsonArray vocabulary = new JsonArray();
        model.vocabulary().tokens().forEach(vocabulary::add);
        root.add("vocabulary", vocabulary);
        JsonObject t = new JsonObject();
        t.addProperty("step", training.globalStep());
        t.addProperty("window", training.window());
        t.addProperty("dataShape", training.dataShape());
        t.addProperty("perEpoch", training.perEpoch());
        t.addProperty("seed", training.seed());
        t.addProperty("optimizer", training.optimizer().kind().label());
        t.addProperty("optimizerUpdates", training.optimizer().updates());
        t.add("bestValLoss", json(training.bestValLoss()));
        t.addProperty("bestValStep", training.bestValStep());
        t.addProperty("evalsSinceBest", training.evalsSinceBest());
        t.addProperty("plateauScale", training.plateauScale());
        t.addProperty("plateauWait", training.plateauWait());
        JsonArray runs = new JsonArray();
        for (RunRecord r : training.runs()) {
            JsonObject o = new JsonObject();
            o.addProperty("start", r.startStep());
            o.addProperty("end", r.endStep());
            o.addProperty("settings", r.settings());
            o.addProperty("stop", r.stop());
            o.add("seconds", json(r.seconds()));
            o.add("tokPerS", json(r.tokensPerSecond()));
            o.add("valLoss", json(r.valLoss()));
            runs.add(o);
        }
        t.add("runs", runs);
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

    private static ArrayFile.Entry entry(NDArray array) {
        return new ArrayFile.Entry(array.getShape().getShape(), array.toFloatArray());
    }

    /**
     * The values of {@code stored} in the order of {@code expected}, or an error naming what
     * differs: a missing or extra parameter, or a shape read as the setting it implies.
     */
    static Map<String, float[]> checked(Path dir, String file, Map<String, ArrayFile.Entry> stored,
            Map<String, Shape> expected, ModelSettings settings, int vocabularySize) {
        for (String name : stored.keySet()) {
            if (!expected.containsKey(name)) {
                throw new LstmshException(dir.resolve(file) + " holds " + name + ", which a model with "
                        + MANIFEST + "'s settings (" + describe(settings, vocabularySize)
                        + ") does not have; the files come from different models");
            }
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            ArrayFile.Entry entry = stored.get(e.getKey());
            if (entry == null) {
                throw new LstmshException(dir.resolve(file) + " lacks " + e.getKey() + ", which " + MANIFEST
                        + "'s settings (" + describe(settings, vocabularySize) + ") need; the checkpoint is damaged");
            }
            long[] want = e.getValue().getShape();
            if (!Arrays.equals(entry.shape(), want)) {
                throw new LstmshException(dir.resolve(file) + ": " + e.getKey() + " has shape "
                        + Arrays.toString(entry.shape()) + " but " + MANIFEST + " says " + Arrays.toString(want) + " ("
                        + meaning(e.getKey(), entry.shape(), want) + "); the files come from different models");
            }
            values.put(e.getKey(), entry.values());
        }
        return values;
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

    /** A sibling left by a save interrupted between its two renames, or null. */
    private static Path interruptedSave(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return null;
        }
        String prefix = "." + abs.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isRegularFile(p.resolve(MANIFEST)))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
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

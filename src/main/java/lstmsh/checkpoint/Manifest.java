package lstmsh.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.MetricPoint;
import lstmsh.train.RunRecord;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainSettings.OptimizerKind;
import lstmsh.train.TrainingState;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint's {@code lstmsh.json}: the model's settings and vocabulary, and where its
 * training stands. Fields added after the first checkpoints read as their defaults when an
 * older file lacks them; losses that were never measured are written as null.
 *
 * @param tokenizer the tokenizer's level
 * @param corpus the corpus the model was built on or trained with ("" when unknown)
 * @param model the architecture
 * @param parameters the model's parameter count, for people reading the file
 * @param vocabulary the tokens, in id order
 * @param training the training position, counters and history
 * @param format the checkpoint format: 1 for {@link ArrayFile}s, 2 for safetensors
 * @param files the SHA-256 (hex) of each array file by name; empty in format 1
 */
public record Manifest(String tokenizer, String corpus, ModelSettings model, long parameters,
        List<String> vocabulary, Training training, int format, Map<String, String> files) {

    /** The format written; every format from 1 up to it is read. */
    public static final int FORMAT = 2;
    public static final String FILE = "lstmsh.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * Where a model's training stands, as {@link TrainingState} holds it apart from its arrays.
     * Defaults of fields older files lack are a new state's.
     */
    public record Training(long step, long window, String dataShape, int perEpoch, long seed, OptimizerKind optimizer,
            long optimizerUpdates, double bestValLoss, long bestValStep, int evalsSinceBest, double plateauScale,
            int plateauWait, List<RunRecord> runs, List<MetricPoint> history) {

        public Training {
            runs = List.copyOf(runs);
            history = List.copyOf(history);
        }

        static Training of(TrainingState t) {
            return new Training(t.globalStep(), t.window(), t.dataShape(), t.perEpoch(), t.seed(),
                    t.optimizer().kind(), t.optimizer().updates(), t.bestValLoss(), t.bestValStep(),
                    t.evalsSinceBest(), t.plateauScale(), t.plateauWait(), t.runs(), t.history());
        }

        /** Sets everything but the arrays (optimizer slots, carried state, best weights). */
        void restoreInto(TrainingState t) {
            t.restorePosition(step, window);
            t.restoreDataShape(dataShape, perEpoch);
            t.restoreSeed(seed);
            t.restoreHistory(history, bestValLoss, bestValStep);
            t.restoreCounters(evalsSinceBest, plateauScale, plateauWait);
            t.restoreRuns(runs);
        }
    }

    public Manifest {
        corpus = corpus == null ? "" : corpus;
        vocabulary = List.copyOf(vocabulary);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public static Manifest of(LstmLanguageModel model, TrainingState training, String corpusSource,
            Map<String, String> files) {
        return new Manifest(model.tokenizer().level(), corpusSource, model.settings(), model.parameterCount(),
                model.vocabulary().tokens(), Training.of(training), FORMAT, files);
    }

    /**
     * The manifest in {@code dir}. A file that is not JSON, of another format, incomplete or
     * with invalid settings is an error naming the file.
     */
    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonObject root;
        try {
            root = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
        } catch (CharacterCodingException e) {
            throw damaged(file, "not UTF-8 text");
        } catch (IOException e) {
            throw new LstmshException("cannot read " + file + ": " + FileErrors.reason(e), e);
        } catch (JsonParseException e) {
            throw damaged(file, jsonProblem(e));
        }
        try {
            int format = root.get("format").getAsInt();
            if (format < 1 || format > FORMAT) {
                throw new LstmshException(dir + " has checkpoint format " + format + "; this lstmsh reads formats 1 to "
                        + FORMAT + ": use a newer lstmsh");
            }
            return fromJson(root);
        } catch (NullPointerException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw damaged(file, "fields are missing or of the wrong kind");
        } catch (IllegalArgumentException e) {
            throw new LstmshException(file + " holds invalid settings: " + e.getMessage());
        }
    }

    private static LstmshException damaged(Path file, String what) {
        return new LstmshException(file + " is damaged or incomplete (" + what
                + "); save the model again, or load another checkpoint");
    }

    private static final Pattern JSON_LINE = Pattern.compile("at line (\\d+)");

    /** Where the JSON reader stopped, in words: Gson's own message names its classes. */
    private static String jsonProblem(JsonParseException e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = JSON_LINE.matcher(message);
        String where = line.find() ? " at line " + line.group(1) : "";
        return message.contains("End of input") ? "cut short" + where : "not valid JSON" + where;
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), toJson(), StandardCharsets.UTF_8);
    }

    String toJson() {
        return GSON.toJson(toJsonTree());
    }

    /** Parses what {@link #toJson()} wrote; runtime exceptions of Gson and the settings tell what is wrong. */
    static Manifest fromJson(String text) {
        return fromJson(GSON.fromJson(text, JsonObject.class));
    }

    private JsonObject toJsonTree() {
        JsonObject root = new JsonObject();
        root.addProperty("format", format);
        root.addProperty("tokenizer", tokenizer);
        root.addProperty("corpus", corpus);
        JsonObject m = new JsonObject();
        m.addProperty("embed", model.embed());
        JsonArray hidden = new JsonArray();
        model.hidden().forEach(hidden::add);
        m.add("hidden", hidden);
        m.addProperty("dropout", model.dropout());
        m.addProperty("seed", model.seed());
        m.addProperty("embedDropout", model.embedDropout());
        m.addProperty("outputDropout", model.outputDropout());
        m.addProperty("tie", model.tie());
        m.addProperty("init", model.init().toString());
        m.addProperty("forgetBias", model.forgetBias());
        m.addProperty("parameters", parameters);
        root.add("model", m);
        JsonArray tokens = new JsonArray();
        vocabulary.forEach(tokens::add);
        root.add("vocabulary", tokens);
        root.add("training", training(training));
        JsonObject digests = new JsonObject();
        files.forEach(digests::addProperty);
        root.add("files", digests);
        return root;
    }

    private static JsonObject training(Training training) {
        JsonObject t = new JsonObject();
        t.addProperty("step", training.step());
        t.addProperty("window", training.window());
        t.addProperty("dataShape", training.dataShape());
        t.addProperty("perEpoch", training.perEpoch());
        t.addProperty("seed", training.seed());
        t.addProperty("optimizer", training.optimizer().label());
        t.addProperty("optimizerUpdates", training.optimizerUpdates());
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
        return t;
    }

    private static Manifest fromJson(JsonObject root) {
        JsonObject m = root.getAsJsonObject("model");
        List<Integer> hidden = new ArrayList<>();
        m.getAsJsonArray("hidden").forEach(e -> hidden.add(e.getAsInt()));
        ModelSettings settings = new ModelSettings(
                m.get("embed").getAsInt(),
                hidden,
                m.get("dropout").getAsFloat(),
                m.get("seed").getAsLong(),
                m.has("embedDropout") ? m.get("embedDropout").getAsFloat() : ModelSettings.DEFAULT_EMBED_DROPOUT,
                m.has("outputDropout") ? m.get("outputDropout").getAsFloat() : ModelSettings.DEFAULT_OUTPUT_DROPOUT,
                m.has("tie") && m.get("tie").getAsBoolean(),
                Init.parse(m.has("init") ? m.get("init").getAsString() : ModelSettings.DEFAULT_INIT),
                m.has("forgetBias") ? m.get("forgetBias").getAsFloat() : ModelSettings.DEFAULT_FORGET_BIAS);
        long parameters = m.has("parameters") ? m.get("parameters").getAsLong() : 0;
        List<String> tokens = new ArrayList<>();
        root.getAsJsonArray("vocabulary").forEach(e -> tokens.add(e.getAsString()));
        String corpus = root.has("corpus") ? root.get("corpus").getAsString() : "";
        int format = root.has("format") ? root.get("format").getAsInt() : 1;
        Map<String, String> files = new LinkedHashMap<>();
        if (format > 1) {
            root.getAsJsonObject("files").entrySet().forEach(e -> files.put(e.getKey(), e.getValue().getAsString()));
        }
        return new Manifest(root.get("tokenizer").getAsString(), corpus, settings, parameters, tokens,
                training(root.getAsJsonObject("training")), format, files);
    }

    private static Training training(JsonObject t) {
        List<MetricPoint> history = new ArrayList<>();
        for (JsonElement row : t.getAsJsonArray("history")) {
            JsonArray r = row.getAsJsonArray();
            history.add(new MetricPoint(r.get(0).getAsLong(), number(r.get(1)), number(r.get(2)),
                    number(r.get(3)), number(r.get(4))));
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
        boolean counters = t.has("evalsSinceBest");
        return new Training(
                t.get("step").getAsLong(),
                t.get("window").getAsLong(),
                t.has("dataShape") ? t.get("dataShape").getAsString() : "",
                t.has("dataShape") ? t.get("perEpoch").getAsInt() : 0,
                t.has("seed") ? t.get("seed").getAsLong() : TrainSettings.DEFAULT_SEED,
                t.has("optimizer") ? OptimizerKind.parse(t.get("optimizer").getAsString()) : OptimizerKind.ADAM,
                t.get("optimizerUpdates").getAsLong(),
                number(t.get("bestValLoss")),
                t.get("bestValStep").getAsLong(),
                counters ? t.get("evalsSinceBest").getAsInt() : 0,
                counters ? t.get("plateauScale").getAsDouble() : 1,
                counters ? t.get("plateauWait").getAsInt() : 0,
                runs,
                history);
    }

    private static JsonElement json(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}

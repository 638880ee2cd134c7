package lstmsh.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import lstmsh.interop.PytorchExport;
import lstmsh.interop.SafetensorsFile;
import lstmsh.interop.Tensor;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.model.ModelSettings;
import lstmsh.model.StateDictNames;
import lstmsh.train.TrainingState;
import lstmsh.util.LstmshException;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The array files of a checkpoint directory, safetensors since format 2: the parameters and
 * the best weights under their PyTorch state_dict names ({@link StateDictNames}), the
 * optimizer's slots, and the carried LSTM state (when there is one). The manifest records each
 * file's SHA-256, checked before anything is read. Format 1 checkpoints hold {@link ArrayFile}s.
 */
final class CheckpointArrays {

    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "state.safetensors";
    static final String BEST = "best.safetensors";

    /** The files of format 1, read but no longer written. */
    static final String LEGACY_PARAMETERS = "parameters.bin";
    static final String LEGACY_OPTIMIZER = "optimizer.bin";
    static final String LEGACY_STATE = "state.bin";
    static final String LEGACY_BEST = "best.bin";

    private static final Pattern LSTM = Pattern.compile("lstm\\.(?:(\\d+)\\.)?(weight_ih|weight_hh|bias_ih|bias_hh)_l(\\d+)");
    private static final Map<String, String> PARTS = Map.of(
            "weight_ih", "w_ih", "weight_hh", "w_hh", "bias_ih", "b_ih", "bias_hh", "b_hh");

    private CheckpointArrays() {}

    /**
     * Writes every array file into {@code dir}; {@code afterParameters} runs once the first is
     * written. Returns each file's SHA-256 (hex) by file name, for the manifest.
     */
    static Map<String, String> write(Path dir, LstmLanguageModel model, TrainingState training,
            Runnable afterParameters) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        write(dir, MODEL, PytorchExport.stateDict(model.settings(), model.snapshot(), model.parameterShapes()), digests);
        afterParameters.run();
        Map<String, Shape> slotShapes = training.optimizer().shapes();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        training.optimizer().exportState().forEach(
                (name, slot) -> optimizer.put(name, new Tensor(slotShapes.get(name).getShape(), slot)));
        write(dir, OPTIMIZER, optimizer, digests);
        LstmState carried = training.carried();
        if (carried != null) {
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (int l = 0; l < carried.layers(); l++) {
                state.put("h." + l, tensor(carried.h().get(l)));
                state.put("c." + l, tensor(carried.c().get(l)));
            }
            write(dir, STATE, state, digests);
        }
        Map<String, NDArray> best = training.bestWeights();
        if (best != null) {
            Map<String, float[]> values = new LinkedHashMap<>();
            best.forEach((name, array) -> values.put(name, array.toFloatArray()));
            write(dir, BEST, PytorchExport.stateDict(model.settings(), values, model.parameterShapes()), digests);
        }
        return digests;
    }

    private static void write(Path dir, String name, Map<String, Tensor> tensors, Map<String, String> digests)
            throws IOException {
        byte[] bytes = SafetensorsFile.encode(tensors);
        try (FileOutputStream out = new FileOutputStream(dir.resolve(name).toFile())) {
            out.write(bytes);
            out.getFD().sync();
        }
        digests.put(name, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Every file the manifest lists is there and has the recorded SHA-256; the model and optimizer files are listed. */
    static Map<String, byte[]> verified(Path dir, Manifest manifest) throws IOException {
        Path manifestFile = dir.resolve(Manifest.FILE);
        for (String required : new String[] {MODEL, OPTIMIZER}) {
            if (!manifest.files().containsKey(required)) {
                throw new LstmshException(manifestFile + " is damaged or incomplete (it does not list " + required
                        + "); save the model again, or load another checkpoint");
            }
        }
        Map<String, byte[]> contents = new HashMap<>();
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!e.getKey().equals(file.getFileName().toString()) || !Files.isRegularFile(file)) {
                throw new LstmshException("the checkpoint " + dir + " lacks " + e.getKey() + ", which " + Manifest.FILE
                        + " lists; it is incomplete: save the model again, or load another checkpoint");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!sha256(bytes).equalsIgnoreCase(e.getValue())) {
                throw new LstmshException(file + " is damaged (its SHA-256 is not the one " + Manifest.FILE
                        + " recorded); save the model again, or load another checkpoint");
            }
            contents.put(e.getKey(), bytes);
        }
        return contents;
    }

    /** The arrays of one checkpoint, read once: the files of format 2 verified, or those of format 1. */
    record Stored(Path dir, Map<String, byte[]> safetensors) {

        static Stored open(Path dir, Manifest manifest) throws IOException {
            if (manifest.format() == 1) {
                for (String required : new String[] {LEGACY_PARAMETERS, LEGACY_OPTIMIZER}) {
                    if (!Files.isRegularFile(dir.resolve(required))) {
                        throw new LstmshException("the checkpoint " + dir + " lacks " + required
                                + "; it is incomplete: save the model again, or load another checkpoint");
                    }
                }
                return new Stored(dir, null);
            }
            return new Stored(dir, verified(dir, manifest));
        }

        /** The file holding {@code current} (format 2) or {@code legacy} (format 1). */
        Path file(String current, String legacy) {
            return dir.resolve(safetensors == null ? legacy : current);
        }

        boolean has(String current, String legacy) {
            return safetensors == null ? Files.isRegularFile(dir.resolve(legacy)) : safetensors.containsKey(current);
        }

        Map<String, Tensor> read(String current, String legacy) throws IOException {
            return safetensors == null ? ArrayFile.read(dir.resolve(legacy))
                    : SafetensorsFile.decode(dir.resolve(current).toString(), safetensors.get(current));
        }

        /** Parameters by lstmsh name: format 2 files hold state_dict names. */
        Map<String, Tensor> parameters(String current, String legacy, ModelSettings settings) throws IOException {
            Map<String, Tensor> stored = read(current, legacy);
            return safetensors == null ? stored : lstmshNames(stored, settings);
        }
    }

    /**
     * State_dict names back to lstmsh names, the layer of {@code lstm.R.weight_ih_lK} counted
     * from the file's own runs, so shapes are compared layer by layer even when the settings
     * differ. A tied model's {@code decoder.weight} is the embedding again and is dropped.
     */
    private static Map<String, Tensor> lstmshNames(Map<String, Tensor> stored, ModelSettings settings) {
        TreeMap<Integer, Integer> layersPerRun = new TreeMap<>();
        for (String name : stored.keySet()) {
            Matcher m = LSTM.matcher(name);
            if (m.matches()) {
                int run = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                layersPerRun.merge(run, Integer.parseInt(m.group(3)) + 1, Math::max);
            }
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        stored.forEach((name, tensor) -> {
            Matcher m = LSTM.matcher(name);
            if (m.matches()) {
                int run = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                int layer = Integer.parseInt(m.group(3));
                for (int below : layersPerRun.headMap(run).values()) {
                    layer += below;
                }
                named.put(LstmLanguageModel.layerName(layer, PARTS.get(m.group(2))), tensor);
            } else if (name.equals(StateDictNames.EMBEDDING)) {
                named.put(LstmLanguageModel.EMBEDDING, tensor);
            } else if (name.equals(StateDictNames.DECODER_WEIGHT)) {
                if (!settings.tie()) {
                    named.put(LstmLanguageModel.OUTPUT_WEIGHT, tensor);
                }
            } else if (name.equals(StateDictNames.DECODER_BIAS)) {
                named.put(LstmLanguageModel.OUTPUT_BIAS, tensor);
            } else {
                named.put(name, tensor);
            }
        });
        return named;
    }

    /** The parameter values, checked against the shapes the manifest's settings give. */
    static Map<String, float[]> parameters(Stored stored, Map<String, Shape> expected, ModelSettings settings,
            int vocabularySize) throws IOException {
        return ShapeCheck.parameters(stored.file(MODEL, LEGACY_PARAMETERS),
                stored.parameters(MODEL, LEGACY_PARAMETERS, settings), expected, settings, vocabularySize);
    }

    /** Restores the optimizer's slots, the carried state and the best weights that the checkpoint holds. */
    static void restore(Stored stored, TrainingState training, Manifest.Training saved, Map<String, Shape> expected,
            ModelSettings settings, int vocabularySize) throws IOException {
        Map<String, float[]> slots = new LinkedHashMap<>();
        stored.read(OPTIMIZER, LEGACY_OPTIMIZER).forEach((k, v) -> slots.put(k, v.values()));
        try {
            training.optimizer().importState(saved.optimizer(), slots, expected, saved.optimizerUpdates());
        } catch (IllegalArgumentException e) {
            throw new LstmshException(stored.file(OPTIMIZER, LEGACY_OPTIMIZER) + " does not fit the model in "
                    + Manifest.FILE + ": " + e.getMessage() + "; the files come from different models");
        }
        if (stored.has(STATE, LEGACY_STATE)) {
            ShapeCheck.Carried carried = ShapeCheck.carried(stored.file(STATE, LEGACY_STATE),
                    stored.read(STATE, LEGACY_STATE), settings);
            training.restoreCarried(carried.h(), carried.c(), carried.batch(), settings.hidden());
        }
        if (stored.has(BEST, LEGACY_BEST)) {
            training.restoreBestWeights(ShapeCheck.parameters(stored.file(BEST, LEGACY_BEST),
                    stored.parameters(BEST, LEGACY_BEST, settings), expected, settings, vocabularySize), expected);
        }
    }

    private static Tensor tensor(NDArray array) {
        return new Tensor(array.getShape().getShape(), array.toFloatArray());
    }
}

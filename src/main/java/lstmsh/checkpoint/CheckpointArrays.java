package lstmsh.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import lstmsh.util.LstmshException;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.model.ModelSettings;
import lstmsh.train.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The array files of a checkpoint directory, each an {@link ArrayFile}: the parameters, the
 * optimizer's slots, the carried LSTM state (when there is one) and the best weights (when
 * validation found any).
 */
final class CheckpointArrays {

    static final String PARAMETERS = "parameters.bin";
    static final String OPTIMIZER = "optimizer.bin";
    static final String STATE = "state.bin";
    static final String BEST = "best.bin";

    private CheckpointArrays() {}

    /** Writes every array file into {@code dir}; {@code afterParameters} runs once the first is written. */
    static void write(Path dir, LstmLanguageModel model, TrainingState training, Runnable afterParameters)
            throws IOException {
        Map<String, float[]> values = model.snapshot();
        Map<String, ArrayFile.Entry> parameters = new LinkedHashMap<>();
        model.parameters().forEach((name, array) ->
                parameters.put(name, new ArrayFile.Entry(array.getShape().getShape(), values.get(name))));
        ArrayFile.write(dir.resolve(PARAMETERS), parameters);
        afterParameters.run();
        Map<String, Shape> slotShapes = training.optimizer().shapes();
        Map<String, ArrayFile.Entry> optimizer = new LinkedHashMap<>();
        training.optimizer().exportState().forEach(
                (name, slot) -> optimizer.put(name, new ArrayFile.Entry(slotShapes.get(name).getShape(), slot)));
        ArrayFile.write(dir.resolve(OPTIMIZER), optimizer);
        LstmState carried = training.carried();
        if (carried != null) {
            Map<String, ArrayFile.Entry> state = new LinkedHashMap<>();
            for (int l = 0; l < carried.layers(); l++) {
                state.put("h." + l, entry(carried.h().get(l)));
                state.put("c." + l, entry(carried.c().get(l)));
            }
            ArrayFile.write(dir.resolve(STATE), state);
        }
        Map<String, NDArray> best = training.bestWeights();
        if (best != null) {
            Map<String, ArrayFile.Entry> bestEntries = new LinkedHashMap<>();
            best.forEach((name, array) -> bestEntries.put(name, entry(array)));
            ArrayFile.write(dir.resolve(BEST), bestEntries);
        }
    }

    /** The parameter values in {@code dir}, checked against the shapes the manifest's settings give. */
    static Map<String, float[]> parameters(Path dir, Map<String, Shape> expected, ModelSettings settings,
            int vocabularySize) throws IOException {
        Path file = dir.resolve(PARAMETERS);
        return ShapeCheck.parameters(file, ArrayFile.read(file), expected, settings, vocabularySize);
    }

    /** Restores the optimizer's slots, the carried state and the best weights that {@code dir} holds. */
    static void restore(Path dir, TrainingState training, Manifest.Training saved, Map<String, Shape> expected,
            ModelSettings settings, int vocabularySize) throws IOException {
        Path optimizerFile = dir.resolve(OPTIMIZER);
        if (Files.exists(optimizerFile)) {
            Map<String, float[]> slots = new LinkedHashMap<>();
            ArrayFile.read(optimizerFile).forEach((k, v) -> slots.put(k, v.values()));
            try {
                training.optimizer().importState(saved.optimizer(), slots, expected, saved.optimizerUpdates());
            } catch (IllegalArgumentException e) {
                throw new LstmshException(optimizerFile + " does not fit the model in " + Manifest.FILE + ": "
                        + e.getMessage() + "; the files come from different models");
            }
        }
        Path stateFile = dir.resolve(STATE);
        if (Files.exists(stateFile)) {
            ShapeCheck.Carried carried = ShapeCheck.carried(stateFile, ArrayFile.read(stateFile), settings);
            training.restoreCarried(carried.h(), carried.c(), carried.batch(), settings.hidden());
        }
        Path bestFile = dir.resolve(BEST);
        if (Files.exists(bestFile)) {
            training.restoreBestWeights(
                    ShapeCheck.parameters(bestFile, ArrayFile.read(bestFile), expected, settings, vocabularySize),
                    expected);
        }
    }

    private static ArrayFile.Entry entry(NDArray array) {
        return new ArrayFile.Entry(array.getShape().getShape(), array.toFloatArray());
    }
}

package lstmsh.checkpoint;

import ai.djl.Device;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.util.Messages;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.TrainingState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Choosing the device models are built on, and moving a model there: it is rebuilt from a
 * checkpoint written to a temporary directory, so everything a checkpoint carries moves with
 * it (parameters, optimizer moments, position, history) as floats.
 */
public final class ModelMove {

    private ModelMove() {}

    /**
     * What choosing a device did.
     *
     * @param device the device now in use, by name
     * @param from the device the model was on, by name; null without a model
     * @param moved the model and its training rebuilt on {@code device}; null when nothing moved
     */
    public record Outcome(String device, String from, Checkpoint.Loaded moved) {}

    /**
     * Makes {@code spec} (cpu, gpu or gpu:N) the device in use and rebuilds {@code model}
     * there when it is elsewhere; the caller replaces its model with the rebuilt one. On
     * failure nothing changes: the model stays, and so does the device in use.
     */
    public static Outcome choose(String spec, LstmLanguageModel model, TrainingState training, String corpusSource) {
        Device target = EngineSupport.parseDevice(spec);
        Device current = model != null ? model.manager().getDevice() : null;
        Device previous = EngineSupport.info().inUse();
        EngineSupport.setDevice(target);
        String from = current == null ? null : EngineSupport.name(current);
        if (model == null || target.equals(current)) {
            return new Outcome(EngineSupport.name(target), from, null);
        }
        try {
            return new Outcome(EngineSupport.name(target), from, rebuild(model, training, corpusSource));
        } catch (RuntimeException failure) {
            if (previous != null) {
                EngineSupport.setDevice(previous);
            } else {
                EngineSupport.resetDevice();
            }
            throw failure instanceof LstmshException ? failure
                    : new LstmshException("could not move the model to " + EngineSupport.name(target) + " ("
                            + Messages.plain(failure, "the engine refused") + "); it stays on " + from, failure);
        }
    }

    /**
     * A copy of {@code model} and its training on the device in use, made through a checkpoint
     * in a temporary directory. The original stays usable and keeps its unsaved mark; the copy
     * gets the same mark.
     */
    public static Checkpoint.Loaded rebuild(LstmLanguageModel model, TrainingState training, String corpusSource) {
        boolean unsaved = training.unsaved();
        Path temporary = null;
        try {
            temporary = Files.createTempDirectory("lstmsh-move");
            Path copy = temporary.resolve("model");
            Checkpoint.save(copy, model, training, corpusSource);
            Checkpoint.Loaded moved = Checkpoint.load(copy);
            if (unsaved) {
                moved.training().markUnsaved();
            }
            return moved;
        } catch (IOException e) {
            throw new LstmshException("could not move the model: " + FileErrors.reason(e));
        } finally {
            if (unsaved) {
                training.markUnsaved();
            }
            if (temporary != null) {
                Checkpoint.deleteQuietly(temporary);
            }
        }
    }
}

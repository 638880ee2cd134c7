package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import ai.djl.Device;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineSupport;
import lstmsh.checkpoint.Checkpoint;
import lstmsh.checkpoint.ModelMove;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;
import lstmsh.shell.ShellFixture;
import lstmsh.train.CancelSignal;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a device change and a checkpoint carry between devices. With a GPU the model crosses
 * from gpu:0 to the CPU; without one both ends are the CPU (DJL has one CPU device), and the
 * tests still check that the rebuild and the checkpoint carry everything as floats.
 */
@CommandTest
class DeviceMoveTest {

    @TempDir Path dir;

    @AfterEach
    void backToDefault() {
        EngineSupport.resetDevice();
    }

    /** The device the model starts on: the first GPU where there is one, else the CPU. */
    private static Device other() {
        return ai.djl.engine.Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    @Test
    void aMovedModelKeepsParametersMomentsPositionAndHistory() {
        Corpus corpus = TestCorpora.prose();
        EngineSupport.setDevice(Device.cpu());
        try (ShellFixture shell = new ShellFixture()) {
            Workspace workspace = shell.workspace;
            LstmLanguageModel model = TestCorpora.smallModel(corpus, 3);
            TrainingState state = new TrainingState(model.manager());
            new TrainingLoop(model, corpus, new TrainSettings(6, 0, 0, 4, 16, 0.01, 5, 1, 3), state,
                    TrainingListener.NONE, new CancelSignal()).run();
            workspace.setModel(model, state, "prose");
            Map<String, float[]> parameters = model.snapshot();
            Map<String, float[]> moments = state.optimizer().exportState();

            EngineSupport.setDevice(other());
            Checkpoint.Loaded copy = ModelMove.rebuild(model, state, workspace.modelCorpusSource());
            workspace.setModel(copy.model(), copy.training(), workspace.modelCorpusSource());

            LstmLanguageModel moved = workspace.model();
            assertNotSame(model, moved);
            assertEquals(other(), moved.manager().getDevice());
            TrainingState t = workspace.training();
            assertEquals(6, t.globalStep());
            assertEquals(6, t.optimizer().updates());
            assertEquals(6, t.history().size());
            assertEquals("prose", workspace.modelCorpusSource());
            Map<String, float[]> after = moved.snapshot();
            parameters.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
            Map<String, float[]> movedMoments = t.optimizer().exportState();
            moments.forEach((name, values) -> assertArrayEquals(values, movedMoments.get(name), name));
            // It trains on where it now is.
            new TrainingLoop(moved, corpus, new TrainSettings(2, 0, 0, 4, 16, 0.01, 5, 1, 0), t,
                    TrainingListener.NONE, new CancelSignal()).run();
            assertEquals(8, t.globalStep());
            assertEquals(TrainSettings.OptimizerKind.ADAM, t.optimizer().kind());
        }
    }

    @Test
    void aCheckpointSavedOnOneDeviceLoadsOnTheCpu() {
        Corpus corpus = TestCorpora.prose();
        Path target = dir.resolve("ck");
        Map<String, float[]> saved;
        EngineSupport.setDevice(other());
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 5);
                TrainingState state = new TrainingState(model.manager())) {
            assertEquals(other(), model.manager().getDevice());
            new TrainingLoop(model, corpus, new TrainSettings(4, 0, 0, 4, 16, 0.01, 5, 1, 0), state,
                    TrainingListener.NONE, new CancelSignal()).run();
            saved = model.snapshot();
            Checkpoint.save(target, model, state, "prose");
        }
        EngineSupport.setDevice(Device.cpu());
        Checkpoint.Loaded loaded = Checkpoint.load(target);
        try (LstmLanguageModel model = loaded.model(); TrainingState state = loaded.training()) {
            assertEquals(Device.cpu(), model.manager().getDevice());
            Map<String, float[]> values = model.snapshot();
            saved.forEach((name, v) -> assertArrayEquals(v, values.get(name), name));
            assertEquals(4, state.optimizer().updates());
        }
    }
}

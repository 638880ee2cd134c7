package lstmsh.fit;

import lstmsh.CoreTest;
import lstmsh.checkpoint.Checkpoint;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.CancelSignal;
import lstmsh.train.Schedule;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingState;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CoreTest
class FitTest {

    @TempDir Path dir;

    /** 3k characters and a model far larger than they need: validation gets worse once it memorises them. */
    static Corpus tinyCorpus() {
        return CorpusLoader.fromText("tiny", EnglishLikeGenerator.generate(3_000, 5), CorpusSettings.defaults());
    }

    static LstmLanguageModel oversized(Corpus corpus) {
        return LstmLanguageModel.create(new ModelSettings(16, List.of(96), 0f, 3), corpus.vocabulary(),
                corpus.tokenizer());
    }

    static TrainSettings overfitting(int steps) {
        return TrainSettings.builder().steps(steps).batch(4).seq(32).lr(0.01).seed(1).evalEvery(10)
                .schedule(Schedule.of(Schedule.Kind.CONSTANT)).build();
    }

    @Test
    void theSaveFolderHoldsTheBestWeightsNotTheLast() {
        Corpus corpus = tinyCorpus();
        Path save = dir.resolve("best");
        try (LstmLanguageModel model = oversized(corpus); TrainingState state = new TrainingState(model.manager())) {
            Fit.Outcome outcome = Fit.train(model, state, corpus, overfitting(200), save, new TrainingListener() { },
                    new CancelSignal());
            long best = outcome.result().bestStep();
            assertTrue(best > 0 && best < state.globalStep(), "validation got worse after step " + best);
            assertEquals(best, outcome.restoredStep());
            assertEquals(best, outcome.savedStep());
            assertEquals(outcome.result().bestValLoss(), outcome.result().valLoss(), "the end loss is the kept model's");
            Checkpoint.Loaded loaded = Checkpoint.load(save);
            try (LstmLanguageModel disk = loaded.model(); TrainingState diskState = loaded.training()) {
                assertEquals(best, diskState.globalStep());
                assertSameWeights(model.parameters(), disk.parameters());
            }
        }
    }

    @Test
    void aCrashMidRunLeavesTheBestSoFarLoadable() {
        Corpus corpus = tinyCorpus();
        Path save = dir.resolve("crash");
        TrainingListener crashing = new TrainingListener() {
            @Override
            public void onStep(StepProgress p) {
                if (p.globalStep() == 35) {
                    throw new IllegalStateException("power cut");
                }
            }
        };
        try (LstmLanguageModel model = oversized(corpus); TrainingState state = new TrainingState(model.manager())) {
            assertThrows(IllegalStateException.class,
                    () -> Fit.train(model, state, corpus, overfitting(200), save, crashing, new CancelSignal()));
            Checkpoint.Loaded loaded = Checkpoint.load(save);
            try (LstmLanguageModel disk = loaded.model(); TrainingState diskState = loaded.training()) {
                assertEquals(state.bestValStep(), diskState.globalStep());
                assertTrue(diskState.globalStep() <= 30, "a validation of the steps before the crash");
            }
        }
    }

    static void assertSameWeights(Map<String, NDArray> expected, Map<String, NDArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, array) -> assertArrayEquals(array.toFloatArray(), actual.get(name).toFloatArray(), name));
    }
}

package lstmsh.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CoreTest;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.SampleDuringTraining;

import org.junit.jupiter.api.Test;

/**
 * What a training run holds does not grow with its length: after many steps, with validation
 * passes, rollback snapshots, a carried state and samples, the model's managers hold as many
 * engine arrays as after one step.
 */
@CoreTest
class LongRunResourcesTest {

    private static final int STEPS = 30;

    @Test
    void manyStepsHoldAsManyEngineArraysAsOne() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            TrainingListener sampling = SampleDuringTraining.wrap(TrainingListener.NONE, model, corpus, 7, 20, line -> {});
            run(model, corpus, state, 1, sampling);
            int afterOne = model.manager().getManagedArrays().size();
            run(model, corpus, state, STEPS, sampling);
            assertEquals(1 + STEPS, state.globalStep());
            assertEquals(afterOne, model.manager().getManagedArrays().size(),
                    "engine arrays held after " + (1 + STEPS) + " steps against after one");
        }
    }

    private static void run(LstmLanguageModel model, Corpus corpus, TrainingState state, long steps,
            TrainingListener listener) {
        TrainSettings settings = TrainSettings.builder().steps(steps).batch(8).seq(16).evalEvery(10).build();
        TrainResult result = new TrainingLoop(model, corpus, settings, state, listener, new CancelSignal()).run();
        assertEquals(TrainResult.Stop.COMPLETED, result.stop(), result.detail());
    }
}

package lstmsh.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.SampleDuringTraining;

import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * What a training run holds does not grow with its length: after many steps, with validation
 * passes, rollback snapshots, a carried state and samples, the model's managers hold as many
 * engine arrays as after one step, and steps leave no direct buffers behind for the collector.
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

    @Test
    void stepsAndValidationLeaveNoDirectBuffersForTheCollector() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            run(model, corpus, state, 1, TrainingListener.NONE);
            long before = directBuffers();
            run(model, corpus, state, STEPS, TrainingListener.NONE);
            // Two uploads a step (inputs, targets) and two a validation window came to hundreds.
            long added = directBuffers() - before;
            assertTrue(added <= 10, added + " direct buffers more after " + STEPS + " steps");
        }
    }

    private static void run(LstmLanguageModel model, Corpus corpus, TrainingState state, long steps,
            TrainingListener listener) {
        TrainSettings settings = TrainSettings.builder().steps(steps).batch(8).seq(16).evalEvery(10).build();
        TrainResult result = new TrainingLoop(model, corpus, settings, state, listener, new CancelSignal()).run();
        assertEquals(TrainResult.Stop.COMPLETED, result.stop(), result.detail());
    }

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getCount)
                .sum();
    }
}

package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;

import org.junit.jupiter.api.Test;

@CoreTest
class TrainingLoopTest {

    private static TrainSettings steps(long steps, double lr) {
        return new TrainSettings(steps, 0, 0, 16, 32, lr, 5, 1, 0);
    }

    @Test
    void lossFallsBelowTheUnigramEntropy() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            double before = Evaluator.loss(model, corpus.validation(), 16, 32);
            TrainResult result =
                    new TrainingLoop(model, corpus, steps(150, 0.01), state, TrainingListener.NONE, new CancelSignal())
                            .run();
            assertEquals(TrainResult.Stop.COMPLETED, result.stop());
            assertEquals(150, result.steps());
            assertEquals(150, state.globalStep());
            double unigram = corpus.stats().unigramEntropyNats();
            assertTrue(before > unigram, "an untrained model is worse than unigram: " + before);
            assertTrue(result.valLoss() < unigram * 0.85,
                    "val loss " + result.valLoss() + " vs unigram " + unigram);
        }
    }

    @Test
    void sameSeedsGiveTheSameLossCurve() {
        Corpus corpus = TestCorpora.prose();
        double[] first = curve(corpus);
        double[] second = curve(corpus);
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], second[i], 1e-6, "step " + i);
        }
    }

    private static double[] curve(Corpus corpus) {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 3);
                TrainingState state = new TrainingState(model.manager())) {
            new TrainingLoop(model, corpus, steps(10, 0.01), state, TrainingListener.NONE, new CancelSignal()).run();
            return state.history().stream().mapToDouble(MetricPoint::loss).toArray();
        }
    }

    @Test
    void divergenceStopsAndRestoresWeights() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            float[] before = model.snapshot().get(LstmLanguageModel.EMBEDDING);
            // An absurd learning rate and no clipping make the weights blow up within steps.
            TrainSettings wild = new TrainSettings(200, 0, 0, 16, 32, 1e30, 0, 1, 0);
            TrainResult result =
                    new TrainingLoop(model, corpus, wild, state, TrainingListener.NONE, new CancelSignal()).run();
            assertEquals(TrainResult.Stop.DIVERGED, result.stop(), result.detail());
            assertTrue(result.detail().contains("--lr"), result.detail());
            // It blew up before the first snapshot, so the weights are the ones the run started from.
            assertTrue(result.detail().contains("restored to step 0"), result.detail());
            assertArrayEquals(before, model.snapshot().get(LstmLanguageModel.EMBEDDING));
        }
    }

    @Test
    void cancelStopsBetweenSteps() {
        Corpus corpus = TestCorpora.prose();
        CancelSignal cancel = new CancelSignal();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            TrainingListener stopAtFive = new TrainingListener() {
                @Override
                public void onStep(StepProgress p) {
                    if (p.step() == 5) {
                        cancel.cancel();
                    }
                }
            };
            TrainResult result = new TrainingLoop(model, corpus, steps(100, 0.01), state, stopAtFive, cancel).run();
            assertEquals(TrainResult.Stop.CANCELLED, result.stop());
            assertEquals(5, result.steps());
            assertTrue(Double.isFinite(result.valLoss()), "validation runs after a stop");
        }
    }
}

package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@CoreTest
class GuardsAndStoppingTest {

    private static TrainSettings.Builder small() {
        return TrainSettings.builder().batch(8).seq(24).lr(0.01);
    }

    private static TrainResult train(LstmLanguageModel model, Corpus corpus, TrainingState state, TrainSettings s,
            TrainingListener listener) {
        return new TrainingLoop(model, corpus, s, state, listener, new CancelSignal()).run();
    }

    /**
     * Both kinds of divergence roll back to the last snapshot: weights, Adam's moments and update
     * count, the carried LSTM state, the data position and the history are as they were there. The
     * optimizer is the same before and after the snapshot, so nothing is reset by switching it.
     */
    @ParameterizedTest
    @CsvSource({"1e38, the (loss|gradient norm) became (NaN|infinite)", "5, the loss rose to .*"})
    void divergenceRollsBackEverythingToTheSnapshot(double wildLr, String problem) {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            train(model, corpus, state, small().steps(TrainingLoop.SNAPSHOT_EVERY).build(), TrainingListener.NONE);
            RestorePoint good = new RestorePoint(model, state);
            assertEquals(TrainingLoop.SNAPSHOT_EVERY, good.updates, "Adam counted every step");
            assertTrue(good.carried != null, "the stream carries its LSTM state between windows");
            TrainResult r = train(model, corpus, state, small().steps(TrainingLoop.SNAPSHOT_EVERY - 1).lr(wildLr).clip(0)
                    .build(), TrainingListener.NONE);
            assertEquals(TrainResult.Stop.DIVERGED, r.stop(), r.detail());
            assertTrue(r.detail().matches(problem + " at step .*"), r.detail());
            assertTrue(r.detail().contains("restored to step " + TrainingLoop.SNAPSHOT_EVERY), r.detail());
            assertTrue(r.detail().contains("--lr"), r.detail());
            good.assertRestored(model, state);
            // The model trains on normally afterwards.
            TrainResult after = train(model, corpus, state, small().steps(5).build(), TrainingListener.NONE);
            assertEquals(TrainResult.Stop.COMPLETED, after.stop());
            assertTrue(Double.isFinite(after.loss()));
        }
    }

    /** Copies, as plain values, of everything a rollback must put back. */
    private static final class RestorePoint {
        final Map<String, float[]> weights;
        final Map<String, float[]> moments;
        final long updates;
        final List<float[]> carried;
        final long step;
        final long window;
        final List<MetricPoint> history;

        RestorePoint(LstmLanguageModel model, TrainingState state) {
            weights = model.snapshot();
            moments = state.optimizer().exportState();
            updates = state.optimizer().updates();
            carried = carried(state);
            step = state.globalStep();
            window = state.window();
            history = List.copyOf(state.history());
        }

        void assertRestored(LstmLanguageModel model, TrainingState state) {
            assertEqualValues(weights, model.snapshot());
            assertFalse(moments.isEmpty());
            assertEqualValues(moments, state.optimizer().exportState());
            assertEquals(updates, state.optimizer().updates());
            List<float[]> now = carried(state);
            assertEquals(carried.size(), now.size());
            for (int i = 0; i < carried.size(); i++) {
                assertArrayEquals(carried.get(i), now.get(i), "carried state array " + i);
            }
            assertEquals(step, state.globalStep());
            assertEquals(window, state.window());
            assertEquals(history, state.history());
        }

        private static List<float[]> carried(TrainingState state) {
            LstmState s = state.carried();
            List<float[]> values = new ArrayList<>();
            if (s != null) {
                s.h().forEach(a -> values.add(a.toFloatArray()));
                s.c().forEach(a -> values.add(a.toFloatArray()));
            }
            return values;
        }

        private static void assertEqualValues(Map<String, float[]> expected, Map<String, float[]> actual) {
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), name));
        }
    }

    @Test
    void clippingBoundsTheGlobalNorm() {
        try (NDManager m = EngineSupport.engine().newBaseManager()) {
            Map<String, NDArray> g = new LinkedHashMap<>();
            g.put("a", m.create(new float[] {3, 4}, new Shape(2)));
            g.put("b", m.create(new float[] {12}, new Shape(1, 1)));
            double norm = GradientClipping.globalNorm(g);
            assertEquals(13, norm, 1e-5);
            GradientClipping.clip(g, norm, 5);
            assertEquals(5, GradientClipping.globalNorm(g), 1e-5);
            // Direction is kept: every component scaled by the same 5/13.
            assertArrayEquals(new float[] {15f / 13, 20f / 13}, g.get("a").toFloatArray(), 1e-5f);
            GradientClipping.clip(g, 5, 0);
            assertEquals(5, GradientClipping.globalNorm(g), 1e-5);
        }
        // End to end: one SGD step at lr 1 moves the weights by exactly min(|g|, clip).
        Corpus corpus = TestCorpora.prose();
        for (double clip : new double[] {0.05, 0}) {
            try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                    TrainingState state = new TrainingState(model.manager())) {
                Map<String, float[]> before = model.snapshot();
                train(model, corpus, state, small().steps(1).lr(1).clip(clip).optimizer(TrainSettings.OptimizerKind.SGD)
                        .build(), TrainingListener.NONE);
                double moved = 0;
                for (Map.Entry<String, float[]> e : model.snapshot().entrySet()) {
                    float[] b = before.get(e.getKey());
                    for (int i = 0; i < b.length; i++) {
                        moved += Math.pow(e.getValue()[i] - b[i], 2);
                    }
                }
                double raw = state.history().get(0).gradNorm();
                assertTrue(raw > 0.05, "the raw gradient norm is " + raw);
                assertEquals(clip > 0 ? clip : raw, Math.sqrt(moved), 1e-3 * Math.max(1, raw));
            }
        }
    }

    @Test
    void patienceStopsAndRestoresTheBestWeights() {
        // Training text alternates a and b; validation is all a: learning the training text makes validation worse.
        String text = "ab".repeat(500) + "a".repeat(120);
        Corpus corpus = CorpusLoader.fromText("ab", text, new CorpusSettings(0.1));
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 2);
                TrainingState state = new TrainingState(model.manager())) {
            Map<Long, Map<String, float[]>> atValidation = new HashMap<>();
            Map<Long, Double> losses = new LinkedHashMap<>();
            TrainingListener keep = new TrainingListener() {
                @Override
                public void onValidation(long step, double valLoss) {
                    atValidation.put(step, model.snapshot());
                    losses.put(step, valLoss);
                }
            };
            TrainResult r = train(model, corpus, state, TrainSettings.builder().batch(4).seq(20).lr(0.03).steps(200)
                    .evalEvery(3).patience(2).build(), keep);
            assertEquals(TrainResult.Stop.EARLY_STOPPED, r.stop(), "validation losses: " + state.history());
            assertTrue(r.steps() < 200);
            // The best is the lowest of the passes the listener saw (the first of equals).
            long best = losses.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertEquals(best, state.bestValStep(), losses.toString());
            assertEquals(best, r.bestStep());
            assertTrue(state.globalStep() >= best + 2 * 3, "stopped at " + state.globalStep() + ", best " + best);
            for (Map.Entry<String, float[]> e : model.snapshot().entrySet()) {
                assertArrayEquals(atValidation.get(best).get(e.getKey()), e.getValue(), e.getKey());
            }
            assertEquals(losses.get(best), r.valLoss(), "the run ends on the best validation loss");
        }
    }

    @Test
    void aBestMeasuredAtARunsEndIsTheOneEarlyStoppingRestores() {
        String text = "ab".repeat(500) + "a".repeat(120);
        Corpus corpus = CorpusLoader.fromText("ab", text, new CorpusSettings(0.1));
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 2);
                TrainingState state = new TrainingState(model.manager())) {
            TrainSettings.Builder s = TrainSettings.builder().batch(4).seq(20).lr(0.03).evalEvery(100);
            TrainResult first = train(model, corpus, state, s.steps(4).build(), TrainingListener.NONE);
            // No pass was scheduled: the one at the run's end is the best, in value, step and weights.
            assertEquals(4, state.bestValStep(), state.history().toString());
            assertEquals(first.valLoss(), state.bestValLoss());
            assertEquals(first.valLoss(), state.history().get(3).valLoss(), "the last row holds it");
            Map<String, float[]> atFour = model.snapshot();
            TrainResult r = train(model, corpus, state, s.steps(200).evalEvery(3).patience(2).build(),
                    TrainingListener.NONE);
            assertEquals(TrainResult.Stop.EARLY_STOPPED, r.stop(), "validation losses: " + state.history());
            assertEquals(4, r.bestStep(), "validation losses: " + state.history());
            for (Map.Entry<String, float[]> e : model.snapshot().entrySet()) {
                assertArrayEquals(atFour.get(e.getKey()), e.getValue(), e.getKey());
            }
        }
    }

    @Test
    void noCarryStateStartsEveryBatchFromZeros() {
        Corpus corpus = TestCorpora.prose();
        double[][] curves = new double[2][];
        for (int k = 0; k < 2; k++) {
            try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                    TrainingState state = new TrainingState(model.manager())) {
                train(model, corpus, state, small().steps(4).carryState(k == 0).build(), TrainingListener.NONE);
                curves[k] = state.history().stream().mapToDouble(MetricPoint::loss).toArray();
                if (k == 1) {
                    assertNull(state.carried());
                } else {
                    assertTrue(state.carried() != null);
                }
            }
        }
        assertEquals(curves[0][0], curves[1][0], 1e-6, "the first batch starts from zeros either way");
        assertNotEquals(curves[0][1], curves[1][1], "the second batch sees the carried state or not");
    }

    @Test
    void aTimeBudgetEndsTheRun() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            TrainResult r = train(model, corpus, state, small().steps(100_000).minutes(0.002).build(),
                    TrainingListener.NONE);
            assertEquals(TrainResult.Stop.TIME_BUDGET, r.stop());
            assertTrue(r.steps() > 0 && r.steps() < 100_000);
        }
    }
}

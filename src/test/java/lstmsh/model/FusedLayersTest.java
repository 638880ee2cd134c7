package lstmsh.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.CoreTest;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineSupport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One engine call per run of equal-size layers gives what one call per layer gives: logits,
 * every layer's h and c, and every parameter's gradient, from zeros and from a carried state.
 */
@CoreTest
class FusedLayersTest {

    private static final int BATCH = 3;
    private static final int STEPS = 7;
    /** Runs of three, two and one layers, so stacking, splitting and a lone layer are all taken. */
    private static final List<Integer> HIDDEN = List.of(12, 12, 12, 8, 8, 10);

    /** What one pass gives: logits, the final state of each layer, and the gradients. */
    private record Pass(float[] logits, List<float[]> h, List<float[]> c, Map<String, float[]> gradients) {}

    @Test
    void fusedRunsEqualTheLayerByLayerPathInForwardAndGradients() {
        assumeTrue(EngineSupport.ops().fusesLayers());
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = LstmLanguageModel.create(new ModelSettings(6, HIDDEN, 0f, 3),
                corpus.vocabulary(), corpus.tokenizer())) {
            long[] tokens = randomTokens(corpus.vocabulary().size());
            for (boolean carried : new boolean[] {false, true}) {
                Pass layered = pass(model, tokens, carried, true, false);
                Pass fused = pass(model, tokens, carried, true, true);
                assertClose(layered, fused, "carried state " + carried);
            }
        }
    }

    @Test
    void withDropoutSetTheEvaluationPassesStillAgree() {
        assumeTrue(EngineSupport.ops().fusesLayers());
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = LstmLanguageModel.create(new ModelSettings(6, HIDDEN, 0.4f, 3),
                corpus.vocabulary(), corpus.tokenizer())) {
            long[] tokens = randomTokens(corpus.vocabulary().size());
            Pass layered = pass(model, tokens, true, false, false);
            Pass fused = pass(model, tokens, true, false, true);
            assertArrayEquals(layered.logits(), fused.logits(), 1e-5f);
            for (int l = 0; l < HIDDEN.size(); l++) {
                assertArrayEquals(layered.h().get(l), fused.h().get(l), 1e-5f, "h of layer " + l);
            }
        }
    }

    private static long[] randomTokens(int vocabulary) {
        SplittableRandom random = new SplittableRandom(11);
        long[] tokens = new long[BATCH * STEPS];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(vocabulary);
        }
        return tokens;
    }

    private static void assertClose(Pass expected, Pass actual, String what) {
        assertArrayEquals(expected.logits(), actual.logits(), 1e-5f, what + ": logits");
        assertEquals(HIDDEN.size(), actual.h().size());
        for (int l = 0; l < HIDDEN.size(); l++) {
            assertEquals(BATCH * HIDDEN.get(l), actual.h().get(l).length, what + ": h size of layer " + l);
            assertArrayEquals(expected.h().get(l), actual.h().get(l), 1e-5f, what + ": h of layer " + l);
            assertArrayEquals(expected.c().get(l), actual.c().get(l), 1e-5f, what + ": c of layer " + l);
        }
        for (String name : expected.gradients().keySet()) {
            float[] g = expected.gradients().get(name);
            assertTrue(norm(g) > 0, what + ": a gradient to compare for " + name);
            assertArrayEquals(g, actual.gradients().get(name), 1e-5f, what + ": gradient of " + name);
        }
    }

    private static double norm(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static Pass pass(LstmLanguageModel model, long[] tokens, boolean carried, boolean training, boolean fused) {
        Map<String, NDArray> parameters = model.parameters();
        EngineSupport.ops().setGradMode(false);
        try (NDManager step = model.manager().newSubManager()) {
            step.tempAttachAll(parameters.values().toArray(new NDArray[0]));
            NDArray x = step.create(tokens, new Shape(BATCH, STEPS));
            LstmState start = carried ? startState(step) : null;
            LstmLanguageModel.Output out;
            try (GradientCollector collector = EngineSupport.engine().newGradientCollector()) {
                out = model.forward(x, start, training, fused);
                // A loss that reaches every layer's final c as well as the logits.
                NDArray loss = out.logits().square().mean();
                for (NDArray c : out.state().c()) {
                    loss = loss.add(c.mean());
                }
                collector.backward(loss);
            }
            List<float[]> h = new ArrayList<>();
            List<float[]> c = new ArrayList<>();
            out.state().h().forEach(a -> h.add(a.toFloatArray()));
            out.state().c().forEach(a -> c.add(a.toFloatArray()));
            Map<String, float[]> gradients = new LinkedHashMap<>();
            parameters.forEach((name, p) -> {
                try (NDArray g = p.getGradient()) {
                    gradients.put(name, g.toFloatArray());
                }
            });
            parameters.values().forEach(EngineSupport.ops()::zeroGradient);
            return new Pass(out.logits().toFloatArray(), h, c, gradients);
        }
    }

    private static LstmState startState(NDManager manager) {
        SplittableRandom random = new SplittableRandom(5);
        List<NDArray> h = new ArrayList<>();
        List<NDArray> c = new ArrayList<>();
        for (int size : HIDDEN) {
            h.add(manager.create(values(random, BATCH * size), new Shape(1, BATCH, size)));
            c.add(manager.create(values(random, BATCH * size), new Shape(1, BATCH, size)));
        }
        return new LstmState(h, c);
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
        }
        return v;
    }
}

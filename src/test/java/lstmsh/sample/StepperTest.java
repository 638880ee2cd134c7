package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class StepperTest {

    @Test
    void carriedStateMatchesAFullRefeedOfThePrefix() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = LstmLanguageModel.create(
                        new ModelSettings(8, List.of(24, 16, 12), 0f, 5), corpus.vocabulary(), corpus.tokenizer());
                PreparedStepper prepared = new PreparedStepper(model);
                FusedStepper fused = new FusedStepper(model);
                NDManager scope = model.manager().newSubManager()) {
            int steps = 40;
            long[] prefix = new long[steps];
            for (int i = 0; i < steps; i++) {
                prefix[i] = corpus.tokens().get(i);
            }
            NDArray all = model.forward(scope.create(prefix, new Shape(1, steps)), null, false).logits();
            for (int i = 0; i < steps; i++) {
                float[] a = prepared.feed((int) prefix[i]);
                float[] b = fused.feed((int) prefix[i]);
                float[] full = all.get(new NDIndex("0, {}, :", i)).toFloatArray();
                assertArrayEquals(full, b, 1e-5f, "fused step " + i);
                assertArrayEquals(full, a, 1e-5f, "prepared step " + i);
            }
        }
    }

    @Test
    void layersOfDifferentSizesAgreeAfterAReset() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = LstmLanguageModel.create(
                        new ModelSettings(8, List.of(20, 28), 0f, 9), corpus.vocabulary(), corpus.tokenizer());
                PreparedStepper prepared = new PreparedStepper(model);
                FusedStepper fused = new FusedStepper(model)) {
            for (int i = 0; i < 60; i++) {
                int token = corpus.tokens().get(100 + i);
                assertArrayEquals(fused.feed(token), prepared.feed(token), 1e-5f, "step " + i);
            }
            prepared.reset();
            fused.reset();
            assertArrayEquals(fused.feed(3), prepared.feed(3), 1e-5f, "after reset");
        }
    }

    @Test
    void distributionDrawsFollowProbabilities() {
        Distribution d = Distribution.of(new float[] {0, (float) Math.log(3)}, 1.0);
        assertEquals(0.75, d.probability(1), 1e-6);
        assertEquals(0.811, d.entropyBits(), 1e-3);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int ones = 0;
        for (int i = 0; i < 20000; i++) {
            ones += d.draw(r);
        }
        assertEquals(0.75, ones / 20000.0, 0.02);
        Distribution cold = Distribution.of(new float[] {0, (float) Math.log(3)}, 0.1);
        assertTrue(cold.probability(1) > 0.99);
    }
}

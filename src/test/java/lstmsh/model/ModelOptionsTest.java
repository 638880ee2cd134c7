package lstmsh.model;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineSupport;
import lstmsh.sample.PreparedStepper;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class ModelOptionsTest {

    private static ModelSettings settings(int embed, List<Integer> hidden, float embedDrop, float outDrop, boolean tie,
            String init, float forgetBias) {
        return new ModelSettings(embed, hidden, 0f, 1, embedDrop, outDrop, tie, Init.parse(init), forgetBias);
    }

    @Test
    void tyingSharesTheEmbeddingAndRefusesMismatchedSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(16, List.of(32), 0, 0, true, "xavier", 0));
        assertTrue(e.getMessage().contains("--embed 32"), e.getMessage());
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel tied = LstmLanguageModel.create(settings(24, List.of(32, 24), 0, 0, true, "xavier", 0),
                        corpus.vocabulary(), corpus.tokenizer());
                LstmLanguageModel untied = LstmLanguageModel.create(settings(24, List.of(32, 24), 0, 0, false, "xavier", 0),
                        corpus.vocabulary(), corpus.tokenizer())) {
            assertFalse(tied.parameters().containsKey(LstmLanguageModel.OUTPUT_WEIGHT));
            assertSame(tied.parameter(LstmLanguageModel.EMBEDDING), tied.parameter(LstmLanguageModel.OUTPUT_WEIGHT));
            assertEquals(untied.parameterCount() - (long) corpus.vocabulary().size() * 24, tied.parameterCount());
            // The sampler's prepared path reads the output weights through the same alias.
            try (PreparedStepper stepper = new PreparedStepper(tied); NDManager m = tied.manager().newSubManager()) {
                float[] step = stepper.feed(3);
                float[] full = tied.forward(m.create(new long[] {3}, new Shape(1, 1)), null, false).logits().toFloatArray();
                assertArrayEquals(full, step, 1e-4f);
            }
        }
    }

    @Test
    void initialisationsAndForgetBias() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel tiny = LstmLanguageModel.create(settings(16, List.of(32), 0, 0, false, "uniform:0,0.001", 1f),
                        corpus.vocabulary(), corpus.tokenizer());
                LstmLanguageModel normal = LstmLanguageModel.create(settings(16, List.of(64), 0, 0, false, "normal:0.02", 0f),
                        corpus.vocabulary(), corpus.tokenizer())) {
            for (var e : tiny.snapshot().entrySet()) {
                float[] v = e.getValue();
                if (e.getKey().endsWith(".b_ih")) {
                    for (int i = 0; i < v.length; i++) {
                        assertEquals(i >= 32 && i < 64 ? 1f : 0f, v[i], e.getKey() + "[" + i + "]");
                    }
                } else if (e.getKey().endsWith("bias") || e.getKey().endsWith(".b_hh")) {
                    for (float x : v) {
                        assertEquals(0f, x, e.getKey());
                    }
                } else {
                    for (float x : v) {
                        assertTrue(x >= 0 && x <= 0.001f, e.getKey() + " has " + x);
                    }
                }
            }
            float[] w = normal.snapshot().get("lstm.0.w_hh");
            double sum = 0;
            double squares = 0;
            for (float x : w) {
                sum += x;
                squares += x * x;
            }
            double mean = sum / w.length;
            assertEquals(0, mean, 0.002);
            assertEquals(0.02, Math.sqrt(squares / w.length - mean * mean), 0.001);
        }
        assertThrows(IllegalArgumentException.class, () -> Init.parse("uniform:1,0"));
        assertThrows(IllegalArgumentException.class, () -> Init.parse("gaussian"));
        assertEquals("uniform:0,0.001", Init.parse("uniform:0,0.001").toString());
        assertEquals(Init.parse("normal:0.5"), Init.parse(Init.parse("normal:0.5").toString()));
    }

    @Test
    void embeddingAndOutputDropoutActOnlyInTraining() {
        Corpus corpus = TestCorpora.prose();
        EngineSupport.ops().setGradMode(false);
        try (LstmLanguageModel plain = LstmLanguageModel.create(settings(16, List.of(32), 0, 0, false, "xavier", 0),
                        corpus.vocabulary(), corpus.tokenizer());
                LstmLanguageModel dropped = LstmLanguageModel.create(settings(16, List.of(32), 0.5f, 0.5f, false, "xavier", 0),
                        corpus.vocabulary(), corpus.tokenizer());
                NDManager m = plain.manager().newSubManager()) {
            long[] tokens = {1, 2, 3, 4, 5, 6};
            float[] a = plain.forward(m.create(tokens, new Shape(1, 6)), null, false).logits().toFloatArray();
            float[] b = dropped.forward(m.create(tokens, new Shape(1, 6)), null, false).logits().toFloatArray();
            assertArrayEquals(a, b, 1e-6f, "same seed, same weights: evaluation ignores dropout");
            float[] c;
            // As the training loop runs it: MXNet refuses training-mode dropout outside a gradient collector.
            try (GradientCollector collector = EngineSupport.engine().newGradientCollector()) {
                c = dropped.forward(m.create(tokens, new Shape(1, 6)), null, true).logits().toFloatArray();
            }
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff += Math.abs(a[i] - c[i]);
            }
            assertTrue(diff > 1e-3, "training forward with dropout changed nothing");
        }
    }

    @Test
    void hiddenSizesRepeatOneSizeOrTakeOnePerLayer() {
        assertEquals(List.of(64, 64), ModelSettings.hiddenSizes(List.of(64), null));
        assertEquals(List.of(64, 64, 64), ModelSettings.hiddenSizes(List.of(64), 3));
        assertEquals(List.of(128, 64), ModelSettings.hiddenSizes(List.of(128, 64), null));
        assertEquals(List.of(128, 64), ModelSettings.hiddenSizes(List.of(128, 64), 2));
        assertEquals("--layers must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.hiddenSizes(List.of(64), 0)).getMessage());
        assertEquals("--hidden gives 2 sizes but --layers is 3; give one size, or one per layer",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelSettings.hiddenSizes(List.of(128, 64), 3)).getMessage());
    }
}

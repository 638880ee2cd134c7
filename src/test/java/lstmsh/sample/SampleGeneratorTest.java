package lstmsh.sample;

import lstmsh.CoreTest;

import lstmsh.finding.Finding;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.util.LstmshException;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.CancelSignal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

@CoreTest
class SampleGeneratorTest {

    private static Corpus corpus;

    @BeforeAll
    static void corpus() {
        corpus = TestCorpora.prose();
    }

    private static SamplingSettings settings(int length, double temperature, int topK, double topP, boolean greedy,
            String prime, long seed, String stop, SamplingSettings.UnknownPolicy onUnknown) {
        return new SamplingSettings(length, temperature, topK, topP, greedy, prime, seed, stop, onUnknown);
    }

    private static SampleReport sample(LstmLanguageModel model, SamplingSettings s) {
        return SampleGenerator.generate(model, s, SampleJudge.of(model, corpus), TokenSink.NONE, null);
    }

    @Test
    void lengthCountsGeneratedTokensOnlyAndStreamsEveryOne() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1)) {
            StringBuilder streamed = new StringBuilder();
            int[] calls = {0};
            SampleReport r = SampleGenerator.generate(model, new SamplingSettings(50, 1.0, "The king", 3),
                    SampleJudge.of(model, corpus), (piece, token, bits) -> {
                        streamed.append(piece);
                        calls[0]++;
                        assertTrue(bits >= 0 && Double.isFinite(bits));
                    }, null);
            assertEquals(50, r.tokens().length);
            assertEquals(50, calls[0]);
            assertEquals(r.text(), streamed.toString());
            assertEquals(50, r.text().codePointCount(0, r.text().length()));
            assertEquals(50, r.metrics().tokens());
            assertEquals(50, r.surprisalBits().length);
            assertTrue(r.tokensPerSecond() > 0);
        }
    }

    @Test
    void theSeedDecidesTheDraw() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1)) {
            String a = sample(model, new SamplingSettings(80, 1.0, "", 7)).text();
            assertEquals(a, sample(model, new SamplingSettings(80, 1.0, "", 7)).text());
            assertNotEquals(a, sample(model, new SamplingSettings(80, 1.0, "", 8)).text());
        }
    }

    @Test
    void greedyAndTopKOneTakeTheMostLikelyToken() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 2)) {
            var skip = SamplingSettings.UnknownPolicy.SKIP;
            String greedy = sample(model, settings(60, 1.0, 0, 1.0, true, "A", 1, "", skip)).text();
            assertEquals(greedy, sample(model, settings(60, 1.0, 0, 1.0, true, "A", 99, "", skip)).text());
            assertEquals(greedy, sample(model, settings(60, 1.7, 1, 1.0, false, "A", 5, "", skip)).text());
            assertEquals(greedy, sample(model, settings(60, 1.0, 0, 1e-9, false, "A", 6, "", skip)).text());
        }
    }

    @Test
    void stopEndsTheSampleAtTheText() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1)) {
            SampleReport r = sample(model, settings(500, 1.0, 0, 1.0, false, "", 4, "e", SamplingSettings.UnknownPolicy.SKIP));
            assertEquals("e", r.stoppedAt());
            assertTrue(r.text().endsWith("e"), r.text());
            assertEquals(r.text().indexOf('e'), r.text().length() - 1);
            assertTrue(r.tokens().length < 500);
        }
    }

    @Test
    void unknownPrimeTokensAreSkippedOrRefused() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1)) {
            assertEquals(-1, model.vocabulary().id("é"));
            SampleReport r = sample(model, settings(10, 1.0, 0, 1.0, false, "Thé ké", 1, "", SamplingSettings.UnknownPolicy.SKIP));
            assertEquals(List.of("é", "é"), r.skippedPrime());
            assertEquals("Th k", SampleGenerator.prime(model, new SamplingSettings(10, 1.0, "Thé ké", 1)).text());
            LstmshException e = assertThrows(LstmshException.class, () -> sample(model,
                    settings(10, 1.0, 0, 1.0, false, "Thé", 1, "", SamplingSettings.UnknownPolicy.STOP)));
            assertTrue(e.getMessage().contains("'é'") && e.getMessage().contains("--on-unknown"), e.getMessage());
        }
    }

    @Test
    void preparedAndFusedPathsSampleTheSame() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 4)) {
            SamplingSettings s = new SamplingSettings(120, 1.0, "The ", 3);
            SampleReport prepared = SampleGenerator.generate(model, s, null, TokenSink.NONE, null,
                    SampleGenerator.StepPath.PREPARED);
            SampleReport fused = SampleGenerator.generate(model, s, null, TokenSink.NONE, null,
                    SampleGenerator.StepPath.FUSED);
            assertEquals(prepared.text(), fused.text());
            assertArrayEquals(prepared.surprisalBits(), fused.surprisalBits(), 1e-4);
        }
    }

    @Test
    void cancelledBeforeTheFirstTokenIsAnError() {
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1)) {
            CancelSignal cancel = new CancelSignal();
            cancel.cancel();
            assertThrows(LstmshException.class, () -> SampleGenerator.generate(model,
                    new SamplingSettings(10, 1.0, "", 1), null, TokenSink.NONE, cancel));
        }
    }

    @Test
    void aModelCollapsedOntoOneTokenRaisesRunDominanceAndLowEntropy() {
        try (LstmLanguageModel healthy = TestCorpora.smallModel(corpus, 1)) {
            Map<String, float[]> values = healthy.snapshot();
            float[] bias = values.get(LstmLanguageModel.OUTPUT_BIAS);
            bias[corpus.vocabulary().id("e")] = 30f; // every context now says "e"
            try (LstmLanguageModel collapsed = LstmLanguageModel.withParameters(healthy.settings(),
                    healthy.vocabulary(), healthy.tokenizer(), values)) {
                SampleReport r = sample(collapsed, new SamplingSettings(200, 1.0, "", 1));
                List<String> codes = r.warnings().stream().map(Finding::name).toList();
                assertEquals(List.of("REPEAT_RUN", "DOMINANT_TOKEN", "LOW_ENTROPY"), codes, r.summary());
                assertEquals("e".repeat(200), r.text());
                assertTrue(r.metrics().modelEntropyBits() < 0.01);
                for (Finding w : r.warnings()) {
                    assertTrue(w.evidence().matches(".*\\d.*"), "a reason carries numbers: " + w.evidence());
                    assertTrue(!w.fix().isBlank());
                }
            }
        }
    }
}

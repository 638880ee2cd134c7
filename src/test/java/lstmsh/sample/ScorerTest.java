package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.util.LstmshException;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@CoreTest
class ScorerTest {

    @Test
    void surprisalRankAndAlternativesMatchTheStepByStepModel() {
        Corpus corpus = TestCorpora.prose();
        // Longer than one chunk, so the carried state across chunks is checked too.
        String text = corpusText(corpus, 600);
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 6);
                FusedStepper stepper = new FusedStepper(model)) {
            Scorer.ScoreReport report = Scorer.score(model, text, SamplingSettings.UnknownPolicy.SKIP, null);
            assertEquals(600, report.size());
            assertEquals(text, String.join("", report.pieces()));
            assertTrue(report.size() > Scorer.CHUNK);
            assertEquals(model.vocabulary().id("\n"), report.startToken());
            float[] logits = stepper.feed(report.startToken());
            double totalBits = 0;
            for (int i = 0; i < report.size(); i++) {
                Distribution d = Distribution.of(logits, 1.0);
                Scorer.TokenScore s = report.at(i);
                assertEquals(d.surprisalBits(s.token()), s.surprisalBits(), 1e-3, "position " + i);
                assertEquals(d.rank(s.token()), s.rank(), "rank at " + i);
                int[] top = d.top(Scorer.ALTERNATIVES);
                assertEquals(top[0], s.alternatives()[0], "first choice at " + i);
                assertTrue(s.probabilities()[0] >= s.probabilities()[1] && s.probabilities()[1] >= s.probabilities()[2]);
                assertEquals(d.probability(top[0]), s.probabilities()[0], 1e-4);
                totalBits += s.surprisalBits();
                logits = stepper.feed(s.token());
            }
            assertEquals(totalBits * Math.log(2), report.totalNats(), 1e-6);
            assertEquals(Math.exp(report.meanNats()), report.perplexity(), 1e-9);
            int[] worst = report.mostSurprising(10);
            assertEquals(10, worst.length);
            for (int i = 1; i < worst.length; i++) {
                assertTrue(report.surprisalBits()[worst[i - 1]] >= report.surprisalBits()[worst[i]]);
            }
        }
    }

    @Test
    void unknownTokensAreSkippedOrRefused() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 6)) {
            Scorer.ScoreReport r = Scorer.score(model, "Thé", SamplingSettings.UnknownPolicy.SKIP, null);
            assertEquals(2, r.size());
            assertEquals(List.of("é"), r.skipped());
            assertThrows(LstmshException.class,
                    () -> Scorer.score(model, "Thé", SamplingSettings.UnknownPolicy.STOP, null));
            assertThrows(LstmshException.class, () -> Scorer.score(model, "", SamplingSettings.UnknownPolicy.SKIP, null));
        }
    }

    @Test
    void theInputIsTheTextOrTheFileNeverBoth(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("text.txt");
        Files.writeString(file, "Thé lamp", StandardCharsets.UTF_8);
        assertEquals("Thé lamp", Scorer.input(null, file));
        assertEquals("a text", Scorer.input("a text", null));
        assertTrue(assertThrows(LstmshException.class, () -> Scorer.input(null, null)).getMessage().contains("TEXT or --file"));
        assertThrows(LstmshException.class, () -> Scorer.input("a text", file));
        assertTrue(assertThrows(LstmshException.class, () -> Scorer.input(null, dir.resolve("missing.txt"))).getMessage()
                .startsWith("no such file: "));
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'T', 'h', (byte) 0xE9});
        assertTrue(assertThrows(LstmshException.class, () -> Scorer.input(null, latin1)).getMessage()
                .endsWith("is not valid UTF-8; convert it first"));
    }

    private static String corpusText(Corpus corpus, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(corpus.vocabulary().token(corpus.tokens().get(500 + i)));
        }
        return sb.toString();
    }
}

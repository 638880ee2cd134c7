package lstmsh.corpus;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.ScenarioCorpora;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorpusChecksTest {

    private static final CorpusSettings CHAR = CorpusSettings.defaults();
    private static final CorpusSettings WORD = CorpusSettings.defaults().withLevel("word");

    private static List<String> codes(String text, CorpusSettings settings) {
        return CorpusChecks.check(CorpusLoader.fromText("t", text, settings)).stream().map(Finding::name).toList();
    }

    @Test
    void proseIsBalancedAtBothLevels() {
        String prose = EnglishLikeGenerator.generate(100_000, 1);
        assertEquals(List.of(), codes(prose, CHAR));
        assertEquals(List.of(), codes(prose, WORD));
        assertEquals(List.of(), codes(ScenarioCorpora.zipf(2000, 1.1, 20_000, 1), WORD));
    }

    @Test
    void theClassicImbalancedCorpusIsFlaggedByItsLineEndings() {
        String text = ScenarioCorpora.imbalanced(1);
        for (CorpusSettings s : List.of(CHAR, WORD)) {
            Corpus c = CorpusLoader.fromText("t", text, s);
            assertEquals(530, c.stats().lines());
            assertEquals(500.0 / 530, c.stats().endingShare(), 1e-12);
            List<Finding> w = CorpusChecks.check(c);
            assertEquals(FindingCode.CORPUS_IMBALANCE, w.get(0).code());
            assertTrue(w.get(0).evidence().contains("94.3% of the 530 lines end in \""), w.get(0).evidence());
        }
        assertEquals("is sleeping", CorpusChecks.ending(CorpusLoader.fromText("t", text, WORD).stats(),
                CorpusLoader.fromText("t", text, WORD).vocabulary(), WordTokenizer.INSTANCE));
        // Balanced counts of the same lines: no warning.
        assertEquals(List.of(), codes(ScenarioCorpora.imbalanced(30, 30, 30, 1), WORD));
    }

    @Test
    void aConstantTailAndASteepZipfAreFlagged() {
        Corpus tail = CorpusLoader.fromText("t", ScenarioCorpora.constantTail(100, 10, 40, 1), CHAR);
        List<Finding> w = CorpusChecks.check(tail);
        assertEquals(FindingCode.CORPUS_IMBALANCE, w.get(0).code());
        assertTrue(w.get(0).evidence().contains("\".\" makes"), w.get(0).evidence());
        assertEquals(40, tail.stats().longestRun(tail.vocabulary().id(".")));
        assertEquals(List.of("CORPUS_IMBALANCE"), codes(ScenarioCorpora.zipf(2000, 2.5, 20_000, 1), WORD));
    }

    @Test
    void aLargeUnkShareIsFlagged() {
        String prose = EnglishLikeGenerator.generate(30_000, 2);
        Corpus c = CorpusLoader.fromText("t", prose, WORD.withMaxVocab(30));
        assertTrue(c.stats().unkShare() > 0.05);
        assertTrue(codes(prose, WORD.withMaxVocab(30)).contains("CORPUS_UNK"));
        assertEquals(List.of(), codes(prose, WORD.withMinCount(2)));
    }
}

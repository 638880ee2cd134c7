package lstmsh.corpus;

import lstmsh.CoreTest;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.ScenarioCorpora;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

@CoreTest
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

    @Test
    void findingsSayWhyTheyMatterAndWhichCommandTestsTheFix() {
        Finding imbalance = CorpusChecks.check(CorpusLoader.fromText("t", ScenarioCorpora.imbalanced(1), WORD)).get(0);
        assertTrue(imbalance.evidence().endsWith(
                "end in \"is sleeping\": a model can reach a low loss by always producing the dominant pattern"),
                imbalance.evidence());
        assertEquals("train --class-weights sqrt-inverse", imbalance.fix());
        Finding unk = CorpusChecks.check(CorpusLoader.fromText("t", EnglishLikeGenerator.generate(30_000, 2),
                WORD.withMaxVocab(30))).stream().filter(f -> f.code() == FindingCode.CORPUS_UNK).findFirst().orElseThrow();
        assertTrue(unk.evidence().endsWith("(above 5%): the model will learn to say <unk>"), unk.evidence());
        assertEquals("corpus load t --level word --max-vocab 60", unk.fix());
        Finding rare = CorpusChecks.check(CorpusLoader.fromText("my corpus.txt", EnglishLikeGenerator.generate(30_000, 2),
                WORD.withMinCount(40))).stream().filter(f -> f.code() == FindingCode.CORPUS_UNK).findFirst().orElseThrow();
        assertEquals("corpus load \"my corpus.txt\" --level word --min-count 20", rare.fix());
    }

    /** Short lines between blank lines (a changelog, code) at word level: newlines dominate, and that is layout, not imbalance. */
    @Test
    void layoutTokensDoNotMakeShortLinesImbalanced() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("w").append(i * 7 % 40).append(" v").append(i * 13 % 37).append("\n\n");
        }
        Corpus corpus = CorpusLoader.fromText("short.txt", text.toString(), WORD);
        assertTrue(corpus.stats().share(corpus.stats().newlineId()) > 0.4, "newline share");
        assertEquals(List.of(), codes(text.toString(), WORD));
    }

    @Test
    void replacedBytesAreAFindingOnlyWhenThereAreAny() {
        Corpus utf8 = CorpusLoader.fromText("a.txt", "some text", CHAR);
        Corpus latin = CorpusLoader.fromText("b.txt", "some text", WORD.withEncoding("windows-1252"));
        assertEquals(Optional.empty(), CorpusChecks.invalidText(replaced(0, ""), utf8));
        Finding one = CorpusChecks.invalidText(replaced(1, "byte 20 (line 1) of a.txt"), utf8).orElseThrow();
        assertEquals(FindingCode.CORPUS_INVALID_TEXT, one.code());
        assertEquals("1 invalid UTF-8 byte replaced by U+FFFD, the first at byte 20 (line 1) of a.txt", one.evidence());
        assertEquals("corpus load a.txt --level char --encoding windows-1252", one.fix());
        Finding seven = CorpusChecks.invalidText(replaced(7, "byte 3 of b.txt"), latin).orElseThrow();
        assertTrue(seven.evidence().startsWith("7 invalid windows-1252 bytes replaced"), seven.evidence());
        assertEquals("corpus load b.txt --level word --encoding UTF-8", seven.fix());
    }

    private static LoadReport replaced(long invalid, String first) {
        CorpusSource source = new CorpusSource("a.txt", List.of(Path.of("a.txt")), false, 0, 0);
        return new LoadReport(source, 1000, invalid, first, 0, 0, 0, LoadReport.Cache.OFF, "", 0.1);
    }
}

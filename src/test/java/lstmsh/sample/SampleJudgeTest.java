package lstmsh.sample;

import lstmsh.CoreTest;

import lstmsh.finding.Finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Every warning on a sample built to raise it; none on held-out text of the corpus itself. */
@CoreTest
class SampleJudgeTest {

    private static Corpus corpus;
    private static SampleJudge judge;

    @BeforeAll
    static void corpus() {
        corpus = CorpusLoader.fromText("prose", EnglishLikeGenerator.generate(60_000, 3), CorpusSettings.defaults());
        judge = SampleJudge.of(corpus.vocabulary(), corpus.tokenizer(), corpus);
    }

    /** Judges tokens as if the model had this entropy everywhere and gave each token this surprisal. */
    private static List<String> codes(int[] tokens, double entropyBits, double surprisalBits) {
        double[] h = new double[tokens.length];
        Arrays.fill(h, entropyBits);
        double[] s = new double[tokens.length];
        Arrays.fill(s, surprisalBits);
        SampleMetrics m = judge.measure(tokens, h, h, s);
        return judge.warnings(tokens, m).stream().map(Finding::name).toList();
    }

    private static int[] ids(String text) {
        return text.codePoints().map(cp -> corpus.vocabulary().id(new String(Character.toChars(cp)))).toArray();
    }

    private static int[] heldOut(int from, int length) {
        return Arrays.copyOfRange(corpus.validation().toArray(), from, from + length);
    }

    @Test
    void heldOutTextOfTheCorpusRaisesNothing() {
        for (int from = 0; from + 400 <= corpus.validation().size(); from += 1500) {
            assertEquals(List.of(), codes(heldOut(from, 400), 2.0, 2.0), "held-out text at " + from);
        }
    }

    @Test
    void noiseFiresOnTokensDrawnAtRandomByAModelThatKnowsNothing() {
        SplittableRandom random = new SplittableRandom(1);
        int[] noise = random.ints(200, 0, corpus.vocabulary().size()).toArray();
        double uniform = corpus.stats().maxEntropyBits();
        assertTrue(codes(noise, uniform, uniform).contains("NOISE"), codes(noise, uniform, uniform).toString());
        assertTrue(!codes(noise, 2.0, uniform).contains("NOISE"), "a confident model does not sample noise");
        assertTrue(!codes(heldOut(0, 400), 2.0, 2.0).contains("NOISE"));
    }

    @Test
    void noiseIsNotRaisedWhenTheCorpusIsRandomItself() {
        SplittableRandom random = new SplittableRandom(2);
        StringBuilder text = new StringBuilder();
        random.ints(20_000, 'a', 'k').forEach(c -> text.append((char) c));
        Corpus letters = CorpusLoader.fromText("letters", text.toString(), CorpusSettings.defaults());
        SampleJudge lettersJudge = SampleJudge.of(letters.vocabulary(), letters.tokenizer(), letters);
        int[] noise = random.ints(200, 0, letters.vocabulary().size()).toArray();
        double[] h = new double[noise.length];
        Arrays.fill(h, letters.stats().maxEntropyBits());
        SampleMetrics m = lettersJudge.measure(noise, h, h, h);
        assertEquals(List.of(), lettersJudge.warnings(noise, m).stream().map(Finding::name).toList());
    }

    @Test
    void repeatRunFiresOnOneTokenRepeated() {
        int[] tokens = ids("The wind was cold. " + "e".repeat(30) + " The lamp was lit.");
        assertTrue(codes(tokens, 2.0, 2.0).contains("REPEAT_RUN"));
    }

    @Test
    void loopFiresOnAPhraseRepeatedBackToBack() {
        int[] tokens = ids("It was late. " + "the lamp was lit. ".repeat(5) + "Then he left.");
        List<String> codes = codes(tokens, 2.0, 2.0);
        assertTrue(codes.contains("LOOP"), codes.toString());
        assertTrue(!codes.contains("REPEAT_RUN"), codes.toString());
    }

    @Test
    void loopFiresOnAWholePassageRepeatedAsGreedyDecodingDoes() {
        String passage = new String(Arrays.stream(heldOut(300, 120)).map(t -> corpus.vocabulary().token(t).codePointAt(0))
                .toArray(), 0, 120);
        List<String> codes = codes(ids(passage.repeat(4)), 2.0, 2.0);
        assertTrue(codes.contains("LOOP"), codes.toString());
    }

    /** A sample that copies a decoration line is as full of '=' as the corpus is there: no DOMINANT_TOKEN. */
    @Test
    void dominantTokenIsJudgedAgainstTheCorpusOwnStretches() {
        String rule = "=-".repeat(30) + "\n";
        StringBuilder text = new StringBuilder();
        String prose = EnglishLikeGenerator.generate(60_000, 4);
        for (int i = 0; i < prose.length(); i += 1200) {
            text.append(prose, i, Math.min(prose.length(), i + 1200)).append('\n').append(rule).append(rule);
        }
        Corpus manual = CorpusLoader.fromText("manual", text.toString(), CorpusSettings.defaults());
        SampleJudge manualJudge = SampleJudge.of(manual.vocabulary(), manual.tokenizer(), manual);
        int[] tokens = (text.substring(1100, 1200) + "\n" + rule + rule).codePoints()
                .map(cp -> manual.vocabulary().id(new String(Character.toChars(cp)))).toArray();
        double[] h = new double[tokens.length];
        Arrays.fill(h, 2.0);
        List<String> codes = manualJudge.warnings(tokens, manualJudge.measure(tokens, h, h, h)).stream()
                .map(Finding::name).toList();
        assertTrue(!codes.contains("DOMINANT_TOKEN"), codes.toString());
        // Without the corpus' stretches to compare with (statistics only), the same sample is flagged.
        SampleJudge statsOnly = SampleJudge.withStats(manual.vocabulary(), manual.tokenizer(), manual.stats());
        assertTrue(statsOnly.warnings(tokens, statsOnly.measure(tokens, h, h, h)).stream()
                .anyMatch(f -> f.name().equals("DOMINANT_TOKEN")), "the share alone exceeds the limits");
    }

    /** One long run is REPEAT_RUN's finding; DOMINANT_TOKEN counts that run once. */
    @Test
    void aSingleRunIsARepeatRunNotADominantToken() {
        int[] tokens = ids("The wind was cold. " + "o".repeat(150) + " The lamp was lit and the door was shut.");
        List<String> codes = codes(tokens, 2.0, 2.0);
        assertTrue(codes.contains("REPEAT_RUN"), codes.toString());
        assertTrue(!codes.contains("DOMINANT_TOKEN"), codes.toString());
    }

    @Test
    void dominantTokenFiresOnOneTokenFarAboveItsShare() {
        // Held-out text with every other character replaced by 'o', never twice in a row.
        int[] tokens = heldOut(0, 400);
        int o = corpus.vocabulary().id("o");
        for (int i = 0; i < tokens.length; i += 2) {
            tokens[i] = o;
        }
        List<String> codes = codes(tokens, 2.0, 2.0);
        assertTrue(codes.contains("DOMINANT_TOKEN"), codes.toString());
    }

    @Test
    void lowEntropyFiresOnANearDeterministicModel() {
        int[] tokens = heldOut(0, 300);
        assertTrue(codes(tokens, 0.01, 0.01).contains("LOW_ENTROPY"));
        // Still quiet at a tenth of the unigram entropy and above.
        double floor = corpus.stats().unigramEntropyBits() * SampleJudge.LOW_ENTROPY_PERCENT / 100.0;
        assertTrue(!codes(tokens, floor * 1.01, 1).contains("LOW_ENTROPY"));
    }

    @Test
    void memorizedFiresOnALongSpanCopiedFromTheTrainingText() {
        int[] train = corpus.train().toArray();
        int[] tokens = new int[400];
        int[] fresh = heldOut(1000, 100);
        System.arraycopy(fresh, 0, tokens, 0, 100);
        System.arraycopy(train, 20_000, tokens, 100, 300); // 300 characters recited
        List<String> codes = codes(tokens, 2.0, 2.0);
        assertTrue(codes.contains("MEMORIZED"), codes.toString());
        SampleMetrics m = judge.measure(tokens, new double[400], new double[400], new double[400]);
        assertTrue(m.longestCopied() >= 300, "longest " + m.longestCopied());
        assertTrue(m.copiedShare() > 0.7, "share " + m.copiedShare());
    }

    @Test
    void measuresDistinctNgramsAndPerplexity() {
        int[] tokens = ids("abababab");
        double[] s = new double[tokens.length];
        Arrays.fill(s, 3.0);
        SampleMetrics m = judge.measure(tokens, s, s, s);
        assertEquals(2.0 / 8, m.distinct1(), 1e-12);
        assertEquals(2.0 / 7, m.distinct2(), 1e-12);
        assertEquals(2.0 / 6, m.distinct3(), 1e-12);
        assertEquals(8.0, m.perplexity(), 1e-9);
        assertEquals(CorpusIndex.CHAR_NGRAM, m.ngram());
    }

    @Test
    void withoutACorpusOnlyTheStructuralChecksRun() {
        SampleJudge bare = SampleJudge.of(corpus.vocabulary(), corpus.tokenizer(), null);
        int[] tokens = new int[200];
        Arrays.fill(tokens, corpus.vocabulary().id("e"));
        double[] h = new double[200];
        SampleMetrics m = bare.measure(tokens, h, h, h);
        assertTrue(Double.isNaN(m.copiedShare()));
        assertEquals(List.of("REPEAT_RUN"), bare.warnings(tokens, m).stream().map(Finding::name).toList());
    }

    @Test
    void randomCharactersCopyLittle() {
        SplittableRandom r = new SplittableRandom(2);
        int[] tokens = new int[500];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextInt(corpus.vocabulary().size());
        }
        SampleMetrics m = judge.measure(tokens, new double[500], new double[500], new double[500]);
        assertTrue(m.copiedShare() < 0.01, "share " + m.copiedShare());
        assertEquals(0, m.longestCopied());
    }
}

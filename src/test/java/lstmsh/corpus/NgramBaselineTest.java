package lstmsh.corpus;

import lstmsh.CoreTest;
import lstmsh.TestCorpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

@CoreTest
class NgramBaselineTest {

    /**
     * "a a a a a a b a b c" (a=0, b=1, c=2, vocabulary 3), counted and scored on itself.
     * <pre>
     * unigrams a 7, b 2, c 1: n1 = 1, n2 = 1, D1 = 1/3
     * bigrams aa 5, ab 2, ba 1, bc 1: n1 = 2, n2 = 1, D2 = 1/2
     * continuation counts (distinct tokens before): a 2 (a, b), b 1, c 1; total 4, 3 tokens: Dc = 1/2
     *   Q1(a) = (2 - 1/2 + 1/2 · 3 · 1/3) / 4 = 1/2,  Q1(b) = Q1(c) = (1/2 + 1/2) / 4 = 1/4
     * after a: 7 followers, 2 distinct; after b: 2 followers, 2 distinct
     *   P(a|a) = (5 - 1/2 + 1/2 · 2 · 1/2) / 7 = 5/7      P(b|a) = (2 - 1/2 + 1/2 · 2 · 1/4) / 7 = 1/4
     *   P(a|b) = (1 - 1/2 + 1/2 · 2 · 1/2) / 2 = 1/2      P(c|b) = (1 - 1/2 + 1/2 · 2 · 1/4) / 2 = 3/8
     * the first token has no context: order 1, P(a) = (7 - 1/3 + 1/3 · 3 · 1/3) / 10 = 7/10
     * </pre>
     */
    @Test
    void bigramLossMatchesTheKneserNeyFormulaWorkedByHand() {
        int[] text = {0, 0, 0, 0, 0, 0, 1, 0, 1, 2};
        Tokens tokens = Tokens.of(text, text.length, 3);
        double[] losses = NgramBaseline.losses(tokens, text.length, 3, 2, 0, text.length);
        double bigram = -(Math.log(7.0 / 10) + 5 * Math.log(5.0 / 7) + Math.log(1.0 / 4) + Math.log(1.0 / 2)
                + Math.log(1.0 / 4) + Math.log(3.0 / 8)) / 10;
        assertEquals(bigram, losses[1], 1e-9);
        // order 1: P(a) = 7/10, P(b) = (2 - 1/3 + 1/3) / 10 = 2/10, P(c) = 1/10
        double unigram = -(7 * Math.log(0.7) + 2 * Math.log(0.2) + Math.log(0.1)) / 10;
        assertEquals(unigram, losses[0], 1e-9);
    }

    @Test
    void aTokenNeverSeenInTrainingStillGetsProbability() {
        int[] text = {0, 1, 0, 1, 1, 0, 0, 1, 2, 3};
        Tokens tokens = Tokens.of(text, text.length, 5);
        double[] losses = NgramBaseline.losses(tokens, 8, 5, 3, 8, 10);
        for (double loss : losses) {
            assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        }
    }

    @Test
    void aHigherOrderNeverMakesTheTrainingLossWorse() {
        Corpus corpus = TestCorpora.prose();
        int end = corpus.trainEnd();
        double[] losses = NgramBaseline.losses(corpus.tokens(), end, corpus.vocabulary().size(), 8, 0, end);
        assertEquals(8, losses.length);
        for (int k = 1; k < losses.length; k++) {
            assertTrue(losses[k] <= losses[k - 1] + 1e-12, "order " + (k + 1) + ": " + losses[k] + " > " + losses[k - 1]);
        }
    }

    @Test
    void theBaselineBeatsTheUnigramOnProseAndIsComputedOncePerCorpus() {
        Corpus corpus = TestCorpora.prose();
        assertTrue(corpus.knownNgramBaseline().isEmpty());
        NgramBaseline b = corpus.ngramBaseline();
        assertSame(b, corpus.ngramBaseline());
        assertTrue(b.order() >= 2 && b.order() <= NgramBaseline.CHAR_MAX_ORDER, "order " + b.order());
        assertTrue(b.loss() < 0.8 * b.unigramLoss(), b.loss() + " vs unigram " + b.unigramLoss());
        assertEquals(corpus.validation().size(), b.scoredTokens());
        assertEquals("", b.note());
        assertEquals(b.loss(), corpus.figures().get("corpus.ngram_loss"));
        assertEquals(b.order(), corpus.figures().get("corpus.ngram_order"));
    }

    @Test
    void wordLevelStopsAtOrderFour() {
        Corpus corpus = CorpusLoader.fromText("w", lstmsh.corpus.gen.EnglishLikeGenerator.generate(50_000, 3),
                CorpusSettings.defaults().withLevel("word"));
        assertEquals(NgramBaseline.WORD_MAX_ORDER, corpus.ngramBaseline().lossByOrder().length);
    }
}

package lstmsh.corpus;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

@CoreTest
class CorpusStatsTest {

    private static CorpusStats measure(int[] ids, int vocabularySize) {
        return CorpusStats.measure(Tokens.of(ids, ids.length, vocabularySize), vocabularySize);
    }

    @Test
    void entropySumsCountOnlyTheTokensSeen() {
        CorpusStats uniform = measure(new int[] {0, 1, 2, 3, 3, 2, 1, 0}, 8);
        assertEquals(4, uniform.seen());
        assertEquals(2.0, uniform.maxEntropyBits(), 1e-12);
        assertEquals(2.0, uniform.unigramEntropyBits(), 1e-12);
        assertEquals(1.0, uniform.entropyRatio(), 1e-12);

        CorpusStats skewed = measure(new int[] {5, 5, 5, 6}, 8);
        double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertEquals(2, skewed.seen());
        assertEquals(1.0, skewed.maxEntropyBits(), 1e-12);
        assertEquals(h, skewed.entropyRatio(), 1e-12);

        CorpusStats single = measure(new int[] {2, 2, 2}, 3);
        assertEquals(1, single.seen());
        assertEquals(0.0, single.maxEntropyBits(), 1e-12);
        assertEquals(0.0, single.entropyRatio(), 1e-12);
    }

    @Test
    void aCorpusGivesItsFiguresByName() {
        Corpus c = CorpusLoader.fromText("t", "abab\nabab\n".repeat(10), CorpusSettings.defaults().withValFraction(0.2));
        Map<String, Double> f = c.figures();
        assertEquals(List.of("corpus.tokens", "corpus.vocab", "corpus.unigram_entropy", "corpus.train_tokens",
                "corpus.val_tokens", "corpus.top_share", "corpus.entropy_ratio", "corpus.unk_share",
                "corpus.ending_share", "corpus.longest_run"), List.copyOf(f.keySet()));
        assertEquals(100.0, f.get("corpus.tokens"));
        assertEquals(3.0, f.get("corpus.vocab"));
        assertEquals(80.0, f.get("corpus.train_tokens"));
        assertEquals(20.0, f.get("corpus.val_tokens"));
        assertEquals(0.4, f.get("corpus.top_share"), 1e-12);
        assertEquals(1.0, f.get("corpus.ending_share"));
        assertEquals(1.0, f.get("corpus.longest_run"));
        assertEquals(c.stats().unigramEntropyBits(), f.get("corpus.unigram_entropy"));
    }
}

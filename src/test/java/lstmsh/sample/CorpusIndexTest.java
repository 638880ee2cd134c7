package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.Tokens;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

@CoreTest
class CorpusIndexTest {

    /** Longest common substring by brute force, for checking the index. */
    private static int bruteLongest(int[] text, int[] sample, int n) {
        int best = 0;
        for (int i = 0; i < sample.length; i++) {
            for (int c = 0; c < text.length; c++) {
                int k = 0;
                while (i + k < sample.length && c + k < text.length && sample[i + k] == text[c + k]) {
                    k++;
                }
                best = Math.max(best, k);
            }
        }
        return best >= n ? best : 0;
    }

    private static boolean bruteContains(int[] text, int[] sample, int i, int n) {
        for (int c = 0; c + n <= text.length; c++) {
            int k = 0;
            while (k < n && sample[i + k] == text[c + k]) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
        return false;
    }

    @Test
    void agreesWithBruteForceOnRandomTexts() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int alphabet = 2 + r.nextInt(5);
            int n = 2 + r.nextInt(6);
            int[] text = new int[50 + r.nextInt(400)];
            for (int i = 0; i < text.length; i++) {
                text[i] = r.nextInt(alphabet);
            }
            // A sample stitched from copied pieces and random tokens.
            int[] sample = new int[20 + r.nextInt(120)];
            for (int i = 0; i < sample.length; ) {
                if (r.nextBoolean()) {
                    int from = r.nextInt(text.length);
                    for (int k = 0; k < 1 + r.nextInt(30) && i < sample.length && from + k < text.length; k++) {
                        sample[i++] = text[from + k];
                    }
                } else {
                    sample[i++] = r.nextInt(alphabet + 1);
                }
            }
            CorpusIndex index = CorpusIndex.build(Tokens.of(text, text.length, alphabet + 1), n);
            CorpusIndex.Span span = index.longestCopied(sample);
            assertEquals(bruteLongest(text, sample, n), span.length(), "trial " + trial);
            if (span.length() > 0) {
                for (int k = 0; k < span.length(); k++) {
                    assertEquals(text[span.corpusStart() + k], sample[span.sampleStart() + k]);
                }
            }
            int found = 0;
            for (int i = 0; i + n <= sample.length; i++) {
                boolean expected = bruteContains(text, sample, i, n);
                assertEquals(expected, index.contains(sample, i), "trial " + trial + " at " + i);
                found += expected ? 1 : 0;
            }
            assertEquals((double) found / (sample.length - n + 1), index.copiedShare(sample), 1e-12);
        }
    }

    @Test
    void shortInputsHaveNoSpans() {
        int[] text = {1, 2, 3};
        CorpusIndex index = CorpusIndex.build(Tokens.of(text, 3, 4), 8);
        assertEquals(0, index.longestCopied(new int[] {1, 2, 3}).length());
        assertTrue(Double.isNaN(index.copiedShare(new int[] {1, 2, 3})));
        assertEquals(0, index.selfCopiedBaseline(100));
    }

    @Test
    void baselineMeasuresHowMuchTheTextRepeatsItself() {
        SplittableRandom r = new SplittableRandom(5);
        int[] random = new int[20_000];
        for (int i = 0; i < random.length; i++) {
            random[i] = r.nextInt(20);
        }
        CorpusIndex varied = CorpusIndex.build(Tokens.of(random, random.length, 20), 8);
        // Random text over 20 symbols shares only chance spans with itself.
        assertTrue(varied.selfCopiedBaseline(500) < 12, "baseline " + varied.selfCopiedBaseline(500));
        int[] periodic = new int[20_000];
        for (int i = 0; i < periodic.length; i++) {
            periodic[i] = random[i % 300];
        }
        CorpusIndex repetitive = CorpusIndex.build(Tokens.of(periodic, periodic.length, 20), 8);
        // A text made of one repeated paragraph shares whole windows with itself.
        assertEquals(500, repetitive.selfCopiedBaseline(500));
    }
}

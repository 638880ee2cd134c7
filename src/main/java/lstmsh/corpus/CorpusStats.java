package lstmsh.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a model must beat and what a healthy sample looks like: token counts, the unigram
 * entropy and, per token, the longest run of it back to back.
 */
public final class CorpusStats {

    private final long[] counts;
    private final int[] longestRun;
    private final long total;
    private final double unigramEntropyBits;

    private CorpusStats(long[] counts, int[] longestRun, long total) {
        this.counts = counts;
        this.longestRun = longestRun;
        this.total = total;
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        this.unigramEntropyBits = h / Math.log(2);
    }

    public static CorpusStats measure(Tokens tokens, int vocabularySize) {
        long[] counts = new long[vocabularySize];
        int[] longest = new int[vocabularySize];
        int run = 0;
        int previous = -1;
        for (int i = 0, n = tokens.size(); i < n; i++) {
            int t = tokens.get(i);
            counts[t]++;
            run = t == previous ? run + 1 : 1;
            if (run > longest[t]) {
                longest[t] = run;
            }
            previous = t;
        }
        return new CorpusStats(counts, longest, tokens.size());
    }

    public int vocabularySize() {
        return counts.length;
    }

    public long total() {
        return total;
    }

    public long count(int token) {
        return counts[token];
    }

    public double share(int token) {
        return total == 0 ? 0 : (double) counts[token] / total;
    }

    /** The longest run of this token back to back anywhere in the corpus. */
    public int longestRun(int token) {
        return longestRun[token];
    }

    /** Entropy of the token frequencies in bits: the loss of a model that ignores context. */
    public double unigramEntropyBits() {
        return unigramEntropyBits;
    }

    public double unigramEntropyNats() {
        return unigramEntropyBits * Math.log(2);
    }

    /** Entropy relative to the maximum possible for this many distinct tokens (1 = uniform). */
    public double entropyRatio() {
        int used = 0;
        for (long c : counts) {
            if (c > 0) {
                used++;
            }
        }
        return used <= 1 ? 0 : unigramEntropyBits / (Math.log(used) / Math.log(2));
    }

    /** Token ids by falling count; ties by id, so the order is stable. */
    public List<Integer> topTokens(int limit) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                ids.add(i);
            }
        }
        ids.sort(Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(i -> i));
        return ids.subList(0, Math.min(limit, ids.size()));
    }
}

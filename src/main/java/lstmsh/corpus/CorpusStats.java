package lstmsh.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a model must beat and what a healthy sample looks like: token counts, the unigram
 * entropy, per token the longest run of it back to back, the share of {@code <unk>}, and how
 * often lines end the same way.
 */
public final class CorpusStats {

    /** Tokens that make a line's ending at character level: about a word. */
    public static final int CHAR_ENDING = 8;
    /** Tokens that make a line's ending at word level: a word and what follows it. */
    public static final int WORD_ENDING = 2;

    private final long[] counts;
    private final int[] longestRun;
    private final long total;
    private final double unigramEntropyBits;
    private final int seen;
    private final int newline;
    private final int unk;
    private final int endingLength;
    private final long lines;
    private final long endingCount;
    private final int[] ending;
    private final boolean endingExact;

    CorpusStats(long[] counts, int[] longestRun, long total, int newline, int unk, int endingLength, long lines,
            long endingCount, int[] ending, boolean endingExact) {
        this.counts = counts;
        this.longestRun = longestRun;
        this.total = total;
        this.newline = newline;
        this.unk = unk;
        this.endingLength = endingLength;
        this.lines = lines;
        this.endingCount = endingCount;
        this.ending = ending;
        this.endingExact = endingExact;
        double h = 0;
        int seen = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
                seen++;
            }
        }
        this.unigramEntropyBits = h / Math.log(2);
        this.seen = seen;
    }

    /** Counts and runs only; lines are not measured. */
    public static CorpusStats measure(Tokens tokens, int vocabularySize) {
        return measure(tokens, new StatsBuilder(vocabularySize, -1, -1, 1), vocabularySize);
    }

    /** Everything, lines included, for tokens of this vocabulary at this level. */
    public static CorpusStats measure(Tokens tokens, Vocabulary vocabulary, String level) {
        return measure(tokens, builder(vocabulary, level), vocabulary.size());
    }

    private static CorpusStats measure(Tokens tokens, StatsBuilder b, int vocabularySize) {
        long[] counts = new long[vocabularySize];
        int[] block = new int[1 << 16];
        for (int from = 0, n = tokens.size(); from < n; from += block.length) {
            int k = Math.min(block.length, n - from);
            for (int i = 0; i < k; i++) {
                int id = tokens.get(from + i);
                block[i] = id;
                counts[id]++;
            }
            b.scan(block, k);
        }
        return b.finish(counts);
    }

    static StatsBuilder builder(Vocabulary vocabulary, String level) {
        return new StatsBuilder(vocabulary.size(), vocabulary.id("\n"), vocabulary.id(Vocabulary.UNK),
                level.startsWith("word") ? WORD_ENDING : CHAR_ENDING);
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

    /** The token with the longest run back to back (ties: the lower id), or -1 when empty. */
    public int longestRunToken() {
        int best = -1;
        for (int i = 0; i < longestRun.length; i++) {
            if (longestRun[i] > 0 && (best < 0 || longestRun[i] > longestRun[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Entropy of the token frequencies in bits: the loss of a model that ignores context. */
    public double unigramEntropyBits() {
        return unigramEntropyBits;
    }

    public double unigramEntropyNats() {
        return unigramEntropyBits * Math.log(2);
    }

    /** Distinct tokens that occur at least once. */
    public int seen() {
        return seen;
    }

    /** The largest entropy for the tokens seen, in bits: theirs if all were equally frequent. */
    public double maxEntropyBits() {
        return Math.log(Math.max(seen, 1)) / Math.log(2);
    }

    /** Entropy relative to the maximum possible for the tokens seen (1 = uniform). */
    public double entropyRatio() {
        return seen <= 1 ? 0 : unigramEntropyBits / maxEntropyBits();
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

    /** Share of the most frequent token. */
    public double topShare() {
        List<Integer> top = topTokens(1);
        return top.isEmpty() ? 0 : share(top.get(0));
    }

    /** Id of {@code <unk>}, or -1 when every token kept its own id. */
    public int unkId() {
        return unk;
    }

    /** Share of tokens mapped to {@code <unk>}. */
    public double unkShare() {
        return unk < 0 ? 0 : share(unk);
    }

    /** Id of the newline token, or -1 when the corpus has none (or lines were not measured). */
    public int newlineId() {
        return newline;
    }

    /** Non-empty lines. */
    public long lines() {
        return lines;
    }

    /** Tokens that make a line's ending. */
    public int endingLength() {
        return endingLength;
    }

    /** The most common line ending: up to {@link #endingLength()} token ids. */
    public int[] commonEnding() {
        return ending.clone();
    }

    /** Lines that end with {@link #commonEnding()}. */
    public long commonEndingCount() {
        return endingCount;
    }

    /** Share of non-empty lines that end the same way as the most common ending. */
    public double endingShare() {
        return lines == 0 ? 0 : (double) endingCount / lines;
    }

    /** False when the corpus had so many distinct endings that the count is a lower bound. */
    public boolean endingExact() {
        return endingExact;
    }

    long[] countsArray() {
        return counts;
    }

    int[] longestRunArray() {
        return longestRun;
    }
}

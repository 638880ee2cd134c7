package lstmsh.sample;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.Tokens;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every n-gram of a corpus' training text, bucketed by hash with the positions where it
 * starts, so a sample can be checked against the corpus in time proportional to the sample:
 * which of its n-grams occur verbatim, and the longest span of it that occurs verbatim
 * (exact: candidates are verified token by token). Built once per corpus in two linear passes;
 * about 5 bytes per training token.
 */
public final class CorpusIndex {

    /** n-gram size at character level. */
    public static final int CHAR_NGRAM = 8;
    /** n-gram size at word level. */
    public static final int WORD_NGRAM = 4;
    /** Corpus windows measured for the corpus' own repetitiveness. */
    public static final int BASELINE_WINDOWS = 8;

    private static final long BASE = 0x9E3779B97F4A7C15L;
    private static final Map<Corpus, CorpusIndex> CACHE = new WeakHashMap<>();

    private final Tokens text;
    private final int size;
    private final int n;
    private final int shift;
    /** Positions of bucket b are pos[start[b] .. start[b + 1]), ascending. */
    private final int[] start;
    private final int[] pos;
    private final double buildSeconds;
    private final Map<Integer, Integer> baselines = new HashMap<>();

    /** A longest copied span: {@code length} tokens from {@code sampleStart}, found at {@code corpusStart}. */
    public record Span(int sampleStart, int length, int corpusStart) {
        static final Span NONE = new Span(0, 0, -1);
    }

    private CorpusIndex(Tokens text, int n) {
        long t0 = System.nanoTime();
        if (n < 1) {
            throw new IllegalArgumentException("n-gram size must be positive, got " + n);
        }
        this.n = n;
        this.size = text.size();
        this.text = text;
        int grams = Math.max(0, size - n + 1);
        // About 4 to 8 positions a bucket: a table small enough to stay mostly in cache while building.
        int bits = grams <= 16 ? 1 : Math.max(1, 31 - Integer.numberOfLeadingZeros(grams - 1) - 2);
        shift = 64 - bits;
        int buckets = 1 << bits;
        start = new int[buckets + 1];
        pos = new int[grams];
        if (grams > 0) {
            long top = power(n - 1);
            long h = hashAt(0);
            for (int p = 0; ; p++) {
                start[bucket(h) + 1]++;
                if (p + 1 >= grams) {
                    break;
                }
                h = (h - (at(p) + 1L) * top) * BASE + at(p + n) + 1L;
            }
            for (int b = 0; b < buckets; b++) {
                start[b + 1] += start[b];
            }
            // start[b] is now where bucket b begins; filling advances it to where b + 1 begins.
            h = hashAt(0);
            for (int p = 0; ; p++) {
                pos[start[bucket(h)]++] = p;
                if (p + 1 >= grams) {
                    break;
                }
                h = (h - (at(p) + 1L) * top) * BASE + at(p + n) + 1L;
            }
            System.arraycopy(start, 0, start, 1, buckets);
            start[0] = 0;
        }
        buildSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** An index of {@code text} with n-grams of {@code n} tokens. */
    public static CorpusIndex build(Tokens text, int n) {
        return new CorpusIndex(text, n);
    }

    /** The index of a corpus' training part, built on first use and kept while the corpus lives. */
    public static CorpusIndex of(Corpus corpus) {
        synchronized (CACHE) {
            CorpusIndex index = CACHE.get(corpus);
            if (index == null) {
                index = build(corpus.train(), ngramFor(corpus.tokenizer().level()));
                CACHE.put(corpus, index);
            }
            return index;
        }
    }

    /** Whether {@link #of(Corpus)} has this corpus' index already. */
    public static boolean isBuilt(Corpus corpus) {
        synchronized (CACHE) {
            return CACHE.containsKey(corpus);
        }
    }

    /** 8 at character level, 4 otherwise (words). */
    public static int ngramFor(String level) {
        return "char".equals(level) ? CHAR_NGRAM : WORD_NGRAM;
    }

    public int ngram() {
        return n;
    }

    public int size() {
        return size;
    }

    public double buildSeconds() {
        return buildSeconds;
    }

    /** Share of the sample's n-grams that occur somewhere in the text; NaN when it has none. */
    public double copiedShare(int[] sample) {
        int grams = sample.length - n + 1;
        if (grams <= 0) {
            return Double.NaN;
        }
        int found = 0;
        for (int i = 0; i < grams; i++) {
            if (contains(sample, i)) {
                found++;
            }
        }
        return (double) found / grams;
    }

    /** Whether the n-gram starting at {@code sample[i]} occurs in the text. */
    public boolean contains(int[] sample, int i) {
        int b = bucket(hash(sample, i));
        for (int k = start[b], end = start[b + 1]; k < end; k++) {
            if (equalsAt(sample, i, pos[k], n)) {
                return true;
            }
        }
        return false;
    }

    /** The longest span of the sample (at least n tokens) that occurs verbatim in the text. */
    public Span longestCopied(int[] sample) {
        return longestCopied(sample, -1);
    }

    /**
     * As {@link #longestCopied(int[])}; when the sample is the text's own window starting at
     * {@code self}, that occurrence itself is not counted.
     */
    private Span longestCopied(int[] s, int self) {
        int m = s.length;
        int grams = m - n + 1;
        if (grams <= 0 || pos.length == 0) {
            return Span.NONE;
        }
        int[] bucketOf = new int[grams];
        int[] count = new int[grams];
        for (int i = 0; i < grams; i++) {
            bucketOf[i] = bucket(hash(s, i));
            count[i] = start[bucketOf[i] + 1] - start[bucketOf[i]];
        }
        // A span longer than the best so far is searched through its rarest n-gram: a sliding
        // minimum of bucket sizes over [i, i + L − n], whose both ends only move right.
        int[] deque = new int[grams];
        int head = 0;
        int tail = 0;
        int added = -1;
        int best = n - 1;
        int bestStart = -1;
        int bestCorpus = -1;
        for (int i = 0; i < grams && i + best + 1 <= m; i++) {
            while (head < tail && deque[head] < i) {
                head++;
            }
            while (i + best + 1 <= m) {
                int length = best + 1;
                int last = i + length - n;
                while (added < last) {
                    added++;
                    while (tail > head && count[deque[tail - 1]] >= count[added]) {
                        tail--;
                    }
                    deque[tail++] = added;
                }
                int anchor = deque[head];
                if (count[anchor] == 0) {
                    break;
                }
                int c = find(s, i, length, anchor, bucketOf[anchor], self);
                if (c < 0) {
                    break;
                }
                int ext = length;
                while (i + ext < m && c + ext < size && s[i + ext] == at(c + ext)) {
                    ext++;
                }
                best = ext;
                bestStart = i;
                bestCorpus = c;
            }
        }
        return bestStart < 0 ? Span.NONE : new Span(bestStart, best, bestCorpus);
    }

    /** A text position c with text[c, c + length) = s[i, i + length), found through the anchor n-gram. */
    private int find(int[] s, int i, int length, int anchor, int b, int self) {
        int d = anchor - i;
        for (int k = start[b], end = start[b + 1]; k < end; k++) {
            int c = pos[k] - d;
            if (c < 0 || c + length > size || (self >= 0 && c == self + i)) {
                continue;
            }
            if (equalsAt(s, i, c, length)) {
                return c;
            }
        }
        return -1;
    }

    /**
     * How long a span the text's own windows of {@code length} tokens share with the rest of the
     * text: the most over {@value #BASELINE_WINDOWS} windows spread evenly through it. This is
     * how much copying the corpus' own repetitiveness explains; cached per length.
     */
    public int selfCopiedBaseline(int length) {
        synchronized (baselines) {
            Integer cached = baselines.get(length);
            if (cached != null) {
                return cached;
            }
        }
        int window = Math.min(length, size / 2);
        int most = 0;
        if (window >= n) {
            int[] s = new int[window];
            for (int k = 0; k < BASELINE_WINDOWS; k++) {
                int w = (int) ((long) (size - window) * (2 * k + 1) / (2 * BASELINE_WINDOWS));
                for (int i = 0; i < window; i++) {
                    s[i] = at(w + i);
                }
                most = Math.max(most, longestCopied(s, w).length());
            }
        }
        synchronized (baselines) {
            baselines.put(length, most);
        }
        return most;
    }

    /** Windows read by {@link #windowShare}: enough for a steady high quantile, few enough to stay fast on a big text. */
    public static final int SHARE_WINDOWS = 4000;

    /**
     * How full of {@code token} the text's own stretches of {@code length} tokens get: the quantile
     * {@code q} of the token's share over up to {@value #SHARE_WINDOWS} windows spread evenly through
     * the text. A sample that copies a decoration line (a row of '=') is that full of it too.
     */
    public double windowShare(int token, int length, double q) {
        int window = Math.min(length, size);
        if (window < 1) {
            return 0;
        }
        int count = (int) Math.min(SHARE_WINDOWS, size / window);
        double[] shares = new double[count];
        for (int k = 0; k < count; k++) {
            int from = (int) ((long) (size - window) * k / Math.max(1, count - 1));
            int hits = 0;
            for (int i = 0; i < window; i++) {
                if (at(from + i) == token) {
                    hits++;
                }
            }
            shares[k] = (double) hits / window;
        }
        Arrays.sort(shares);
        return shares[Math.min(count - 1, (int) Math.floor(q * count))];
    }

    /** Token ids of the text from {@code from}, {@code length} of them. */
    public int[] tokens(int from, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = at(from + i);
        }
        return out;
    }

    private int at(int p) {
        return text.get(p);
    }

    private boolean equalsAt(int[] s, int i, int c, int length) {
        for (int k = 0; k < length; k++) {
            if (s[i + k] != at(c + k)) {
                return false;
            }
        }
        return true;
    }

    private long hashAt(int p) {
        long h = 0;
        for (int k = 0; k < n; k++) {
            h = h * BASE + at(p + k) + 1L;
        }
        return h;
    }

    private long hash(int[] s, int i) {
        long h = 0;
        for (int k = 0; k < n; k++) {
            h = h * BASE + s[i + k] + 1L;
        }
        return h;
    }

    private int bucket(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) (h >>> shift);
    }

    private static long power(int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= BASE;
        }
        return r;
    }
}

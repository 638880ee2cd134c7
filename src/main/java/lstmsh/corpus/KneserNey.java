package lstmsh.corpus;

/**
 * An interpolated Kneser-Ney n-gram model with one discount per order and per kind of count
 * (D = n1 / (n1 + 2 n2)). The highest order uses occurrence counts, each lower order the number of
 * distinct tokens that precede the n-gram, and order 0 is uniform over the vocabulary:
 * <pre>
 *   P(w | h) = max(c(h w) - D, 0) / c(h) + D · N(h •) / c(h) · P(w | h')   (h' = h without its first token)
 * </pre>
 * with c(h) = Σ_w c(h w) and N(h •) the distinct tokens seen after h; a context never seen defers
 * to the lower order. Counting once up to the largest order gives every smaller model as well.
 */
final class KneserNey {

    private final Tokens stream;
    private final int order;
    private final int bits;
    private final int vocabularySize;
    private final NgramCounts[] tables;
    private final double[] rawDiscount;
    private final double[] continuationDiscount;

    private KneserNey(Tokens stream, int order, int bits, int vocabularySize, NgramCounts[] tables) {
        this.stream = stream;
        this.order = order;
        this.bits = bits;
        this.vocabularySize = vocabularySize;
        this.tables = tables;
        this.rawDiscount = new double[order + 1];
        this.continuationDiscount = new double[order + 1];
        for (int n = 1; n <= order; n++) {
            rawDiscount[n] = tables[n].discount(false);
            continuationDiscount[n] = tables[n].discount(true);
        }
    }

    /** Bits a token takes in a key: ids + 1 run from 1 to the vocabulary size. */
    static int bitsFor(int vocabularySize) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, vocabularySize));
    }

    /** The largest order whose keys fit in 64 bits, at most {@code wanted}. */
    static int orderThatFits(int vocabularySize, int wanted) {
        return Math.max(1, Math.min(wanted, 64 / bitsFor(vocabularySize)));
    }

    /**
     * Counts the n-grams of {@code stream[from, to)} up to {@code order} (which must fit, see
     * {@link #orderThatFits}), one order a pass; stops early, at the order that passed it, once
     * the tables hold more than {@code maxNgrams} n-grams.
     */
    static KneserNey count(Tokens stream, int from, int to, int order, int vocabularySize, long maxNgrams) {
        int bits = bitsFor(vocabularySize);
        NgramCounts[] tables = new NgramCounts[order + 1];
        tables[0] = new NgramCounts(1);
        tables[0].slot(0);
        long held = 0;
        int reached = 0;
        for (int n = 1; n <= order && held <= maxNgrams; n++) {
            tables[n] = new NgramCounts(n == 1 ? vocabularySize : tables[n - 1].size());
            countOrder(stream, from, to, n, bits, tables);
            held += tables[n].size();
            reached = n;
        }
        NgramCounts[] kept = new NgramCounts[reached + 1];
        System.arraycopy(tables, 0, kept, 0, reached + 1);
        return new KneserNey(stream, reached, bits, vocabularySize, kept);
    }

    private static void countOrder(Tokens stream, int from, int to, int n, int bits, NgramCounts[] tables) {
        NgramCounts grams = tables[n];
        NgramCounts contexts = tables[n - 1];
        long mask = mask(n, bits);
        long lowerMask = mask(n - 1, bits);
        long key = 0;
        for (int e = from; e < to; e++) {
            key = ((key << bits) | (stream.get(e) + 1L)) & mask;
            if (e - from < n - 1) {
                continue;
            }
            int s = grams.slot(key);
            grams.count[s]++;
            boolean added = grams.added;
            int context = contexts.find(key >>> bits);
            contexts.followSum[context]++;
            if (!added) {
                continue;
            }
            contexts.followDistinct[context]++;
            if (n >= 2) {
                // A new n-gram is one more distinct token before its suffix.
                int suffix = contexts.find(key & lowerMask);
                int suffixContext = tables[n - 2].find((key & lowerMask) >>> bits);
                if (contexts.preceders[suffix]++ == 0) {
                    tables[n - 2].precededDistinct[suffixContext]++;
                }
                tables[n - 2].precedersSum[suffixContext]++;
            }
        }
    }

    private static long mask(int n, int bits) {
        return n * bits >= 64 ? -1L : (1L << (n * bits)) - 1;
    }

    int order() {
        return order;
    }

    /** Distinct n-grams counted, all orders together. */
    long ngrams() {
        long n = 0;
        for (int k = 1; k <= order; k++) {
            n += tables[k].size();
        }
        return n;
    }

    /**
     * Mean loss in nats per token of each model from order 1 to {@link #order()} (index order - 1)
     * on {@code stream[from, to)}; contexts reach back before {@code from} where the stream has tokens.
     */
    double[] losses(int from, int to) {
        double[] sums = new double[order];
        double[] p = new double[order + 1];
        for (int e = from; e < to; e++) {
            int reach = Math.min(order, e + 1);
            probabilities(e, reach, p);
            for (int k = 1; k <= order; k++) {
                sums[k - 1] -= Math.log(p[Math.min(k, reach)]);
            }
        }
        int n = Math.max(1, to - from);
        for (int k = 0; k < order; k++) {
            sums[k] /= n;
        }
        return sums;
    }

    /** p[k] = probability of the token at {@code e} under the order-k model, for k = 1..reach. */
    private void probabilities(int e, int reach, double[] p) {
        double lower = 1.0 / vocabularySize;
        long key = 0;
        for (int k = 1; k <= reach; k++) {
            key |= (stream.get(e - k + 1) + 1L) << (bits * (k - 1));
            NgramCounts contexts = tables[k - 1];
            int context = contexts.find(key >>> bits);
            int gram = tables[k].find(key);
            p[k] = interpolate(context < 0 ? 0 : contexts.followSum[context],
                    context < 0 ? 0 : contexts.followDistinct[context],
                    gram < 0 ? 0 : tables[k].count[gram], rawDiscount[k], lower);
            lower = interpolate(context < 0 ? 0 : contexts.precedersSum[context],
                    context < 0 ? 0 : contexts.precededDistinct[context],
                    gram < 0 ? 0 : tables[k].preceders[gram], continuationDiscount[k], lower);
        }
    }

    private static double interpolate(int total, int distinct, int count, double discount, double lower) {
        if (total == 0) {
            return lower;
        }
        return (Math.max(count - discount, 0) + discount * distinct * lower) / total;
    }
}

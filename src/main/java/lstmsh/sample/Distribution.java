package lstmsh.sample;

import lstmsh.util.Selection;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Softmax of logits at a temperature, its entropy, and a draw from it. Log-probabilities are
 * kept exact (log-sum-exp), so the surprisal of a very unlikely token is finite even when its
 * probability underflows.
 */
public final class Distribution {

    private static final double LN2 = Math.log(2);

    private final double[] probabilities;
    private final double entropyBits;
    /** log Σ exp(l_i / T) over the kept tokens: log p_i = l_i / T − logNormalizer. */
    private final double logNormalizer;
    private final float[] logits;
    private final double temperature;
    private final boolean truncated;

    private Distribution(double[] probabilities, double entropyBits, double logNormalizer, float[] logits,
            double temperature, boolean truncated) {
        this.probabilities = probabilities;
        this.entropyBits = entropyBits;
        this.logNormalizer = logNormalizer;
        this.logits = logits;
        this.temperature = temperature;
        this.truncated = truncated;
    }

    public static Distribution of(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        double h = 0;
        double logSum = Math.log(sum);
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
            if (p[i] > 0) {
                // −p log p with log p taken exactly, so rounding never makes it negative
                h -= p[i] * ((logits[i] - max) / temperature - logSum);
            }
        }
        return new Distribution(p, Math.max(0, h) / LN2, max / temperature + logSum, logits, temperature, false);
    }

    /**
     * Keeps only the {@code topK} most likely tokens (0 keeps all), then the smallest set of the
     * most likely whose probabilities sum to at least {@code topP} (1 keeps all), renormalised.
     * The most likely token is always kept.
     */
    public Distribution truncated(int topK, double topP) {
        int n = probabilities.length;
        boolean byK = topK > 0 && topK < n;
        boolean byP = topP < 1;
        if (!byK && !byP) {
            return this;
        }
        boolean[] keep = new boolean[n];
        if (byP) {
            int[] order = descendingOrder(byK ? topK : n);
            double cumulative = 0;
            for (int id : order) {
                keep[id] = true;
                cumulative += probabilities[id];
                if (cumulative >= topP) {
                    break;
                }
            }
        } else {
            double threshold = Selection.kthLargest(probabilities, topK);
            int kept = 0;
            // Ties at the threshold: keep the lowest ids first, so exactly topK stay.
            for (int i = 0; i < n && kept < topK; i++) {
                if (probabilities[i] > threshold) {
                    keep[i] = true;
                    kept++;
                }
            }
            for (int i = 0; i < n && kept < topK; i++) {
                if (probabilities[i] == threshold) {
                    keep[i] = true;
                    kept++;
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                max = Math.max(max, logits[i] / temperature);
            }
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                p[i] = Math.exp(logits[i] / temperature - max);
                sum += p[i];
            }
        }
        double logSum = Math.log(sum);
        double h = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                p[i] /= sum;
                if (p[i] > 0) {
                    h -= p[i] * (logits[i] / temperature - max - logSum);
                }
            }
        }
        return new Distribution(p, Math.max(0, h) / LN2, max + logSum, logits, temperature, true);
    }

    public double probability(int token) {
        return probabilities[token];
    }

    /** −log2 p(token), exact in the log domain; infinite for a token a truncation removed. */
    public double surprisalBits(int token) {
        if (truncated && probabilities[token] == 0) {
            return Double.POSITIVE_INFINITY; // removed by top-k or top-p
        }
        return (logNormalizer - logits[token] / temperature) / LN2;
    }

    public int size() {
        return probabilities.length;
    }

    public double entropyBits() {
        return entropyBits;
    }

    public int argmax() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    /** 1 for the most likely token; ties share the better rank. */
    public int rank(int token) {
        double p = probabilities[token];
        int above = 0;
        for (double q : probabilities) {
            if (q > p) {
                above++;
            }
        }
        return above + 1;
    }

    /** The {@code k} most likely token ids, most likely first (ties by id). */
    public int[] top(int k) {
        return descendingOrder(Math.min(k, probabilities.length));
    }

    public int draw(SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return argmax(); // rounding left u above the last cumulative sum
    }

    /** Ids of the {@code limit} largest probabilities, largest first, ties by id. */
    private int[] descendingOrder(int limit) {
        int n = probabilities.length;
        if (limit <= 0) {
            return new int[0];
        }
        // Only tokens at or above the limit-th largest probability need sorting.
        double floor = limit >= n ? Double.NEGATIVE_INFINITY : Selection.kthLargest(probabilities, limit);
        int count = 0;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (probabilities[i] >= floor) {
                // Non-negative floats order like their bits; invert so ascending sort gives descending p.
                long bits = Float.floatToIntBits((float) probabilities[i]);
                keys[count++] = ((0x7FFFFFFFL - bits) << 32) | i;
            }
        }
        long[] sorted = Arrays.copyOf(keys, count);
        Arrays.sort(sorted);
        int[] out = new int[Math.min(limit, count)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (sorted[i] & 0xFFFFFFFFL);
        }
        return out;
    }
}

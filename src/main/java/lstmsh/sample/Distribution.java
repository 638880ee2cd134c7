package lstmsh.sample;

import java.util.SplittableRandom;

/** Softmax of logits at a temperature, its entropy, and a draw from it. */
public final class Distribution {

    private final double[] probabilities;
    private final double entropyBits;

    private Distribution(double[] probabilities, double entropyBits) {
        this.probabilities = probabilities;
        this.entropyBits = entropyBits;
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
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
            if (p[i] > 0) {
                h -= p[i] * Math.log(p[i]);
            }
        }
        return new Distribution(p, h / Math.log(2));
    }

    public double probability(int token) {
        return probabilities[token];
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
}

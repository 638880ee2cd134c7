package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

@CoreTest
class DistributionTest {

    private static float[] logitsOf(double... p) {
        float[] l = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = (float) Math.log(p[i]);
        }
        return l;
    }

    @Test
    void topKKeepsTheKMostLikelyRenormalised() {
        Distribution d = Distribution.of(logitsOf(0.1, 0.4, 0.2, 0.3), 1.0).truncated(2, 1.0);
        assertEquals(0, d.probability(0));
        assertEquals(0, d.probability(2));
        assertEquals(4.0 / 7, d.probability(1), 1e-6);
        assertEquals(3.0 / 7, d.probability(3), 1e-6);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            int t = d.draw(r);
            assertTrue(t == 1 || t == 3, "drew " + t);
        }
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        Distribution full = Distribution.of(logitsOf(0.5, 0.3, 0.15, 0.05), 1.0);
        Distribution p80 = full.truncated(0, 0.8);
        assertEquals(0.5 / 0.8, p80.probability(0), 1e-6);
        assertEquals(0, p80.probability(2));
        Distribution p81 = full.truncated(0, 0.81);
        assertTrue(p81.probability(2) > 0);
        assertEquals(0, p81.probability(3));
        // top-k applies first, then top-p within it
        Distribution both = full.truncated(1, 0.99);
        assertEquals(1.0, both.probability(0), 1e-9);
        assertEquals(0, both.entropyBits(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, both.surprisalBits(1));
    }

    @Test
    void surprisalStaysExactWhereProbabilityUnderflows() {
        Distribution d = Distribution.of(new float[] {0f, -2000f}, 1.0);
        assertEquals(0, d.probability(1));
        assertEquals(2000 / Math.log(2), d.surprisalBits(1), 1e-6);
        assertEquals(0, d.surprisalBits(0), 1e-9);
    }

    @Test
    void temperatureSharpensAndFlattens() {
        float[] logits = logitsOf(0.6, 0.3, 0.1);
        double h1 = Distribution.of(logits, 1.0).entropyBits();
        assertTrue(Distribution.of(logits, 0.5).entropyBits() < h1);
        assertTrue(Distribution.of(logits, 2.0).entropyBits() > h1);
        assertEquals(-(0.6 * Math.log(0.6) + 0.3 * Math.log(0.3) + 0.1 * Math.log(0.1)) / Math.log(2), h1, 1e-6);
    }

    @Test
    void rankAndTopOrderByProbability() {
        Distribution d = Distribution.of(logitsOf(0.1, 0.4, 0.2, 0.3), 1.0);
        assertArrayEquals(new int[] {1, 3, 2}, d.top(3));
        assertEquals(1, d.rank(1));
        assertEquals(4, d.rank(0));
        assertEquals(1, d.argmax());
    }
}

package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

import lstmsh.engine.EngineSupport;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

@CoreTest
class LossTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 2);
        }
        return v;
    }

    @Test
    void unweightedLossEqualsDjlSoftmaxCrossEntropy() {
        try (NDManager m = EngineSupport.engine().newBaseManager()) {
            int batch = 3;
            int steps = 5;
            int vocab = 7;
            NDArray logits = m.create(random(batch * steps * vocab, 1), new Shape(batch, steps, vocab));
            long[] t = new long[batch * steps];
            for (int i = 0; i < t.length; i++) {
                t[i] = (i * 5L) % vocab;
            }
            NDArray targets = m.create(t, new Shape(batch, steps));
            float ours = LanguageModelLoss.crossEntropy(logits, targets).getFloat();
            float djl = new SoftmaxCrossEntropyLoss()
                    .evaluate(new NDList(targets.reshape(-1)), new NDList(logits.reshape(-1, vocab))).getFloat();
            assertEquals(djl, ours, 1e-6);
            // Coefficients of 1/N are the same plain mean.
            float[] c = new float[t.length];
            LanguageModelLoss.coefficients(t, null, null, t.length, c);
            float viaCoefficients = LanguageModelLoss.loss(logits, targets, m.create(c, new Shape(batch, steps)), 0).getFloat();
            assertEquals(djl, viaCoefficients, 1e-6);
        }
    }

    @Test
    void labelSmoothingMixesTheTargetWithTheUniformLoss() {
        try (NDManager m = EngineSupport.engine().newBaseManager()) {
            float[] values = random(2 * 4, 3);
            NDArray logits = m.create(values, new Shape(1, 2, 4));
            NDArray targets = m.create(new long[] {1, 3}, new Shape(1, 2));
            double eps = 0.1;
            double expected = 0;
            for (int row = 0; row < 2; row++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    max = Math.max(max, values[row * 4 + k]);
                }
                double z = 0;
                for (int k = 0; k < 4; k++) {
                    z += Math.exp(values[row * 4 + k] - max);
                }
                double logZ = max + Math.log(z);
                int target = row == 0 ? 1 : 3;
                double nll = logZ - values[row * 4 + target];
                double uniform = 0;
                for (int k = 0; k < 4; k++) {
                    uniform += (logZ - values[row * 4 + k]) / 4;
                }
                expected += ((1 - eps) * nll + eps * uniform) / 2;
            }
            assertEquals(expected, LanguageModelLoss.loss(logits, targets, null, eps).getFloat(), 1e-5);
        }
    }

    @Test
    void inverseClassWeightsRaiseTheGradientOfRareTargets() {
        // 19 targets of token 0 and one of the rare token 1.
        long[] counts = {190, 10, 0};
        long[] t = new long[20];
        t[7] = 1;
        double[] rareGrad = new double[2];
        double[] commonGrad = new double[2];
        TrainSettings.ClassWeighting[] modes = {TrainSettings.ClassWeighting.NONE, TrainSettings.ClassWeighting.INVERSE};
        for (int k = 0; k < 2; k++) {
            float[] weights = ClassWeights.of(modes[k], counts);
            try (NDManager m = EngineSupport.engine().newBaseManager()) {
                NDArray logits = m.zeros(new Shape(1, 20, 3));
                logits.setRequiresGradient(true);
                float[] c = new float[20];
                LanguageModelLoss.coefficients(t, weights, null, 20, c);
                try (GradientCollector g = EngineSupport.engine().newGradientCollector()) {
                    NDArray loss = LanguageModelLoss.loss(logits, m.create(t, new Shape(1, 20)),
                            m.create(c, new Shape(1, 20)), 0);
                    g.backward(loss);
                }
                float[] grad = logits.getGradient().toFloatArray();
                rareGrad[k] = Math.abs(grad[7 * 3 + 1]);
                commonGrad[k] = Math.abs(grad[0]);
            }
        }
        assertTrue(rareGrad[1] > 5 * rareGrad[0], "rare-token gradient " + rareGrad[0] + " → " + rareGrad[1]);
        assertTrue(commonGrad[1] < commonGrad[0], "common-token gradient " + commonGrad[0] + " → " + commonGrad[1]);
    }

    @Test
    void classWeightsAverageOneOverTheTrainingTokens() {
        long[] counts = {900, 90, 10, 0};
        for (TrainSettings.ClassWeighting mode : new TrainSettings.ClassWeighting[] {
                TrainSettings.ClassWeighting.INVERSE, TrainSettings.ClassWeighting.SQRT_INVERSE}) {
            float[] w = ClassWeights.of(mode, counts);
            double mean = (w[0] * 900.0 + w[1] * 90 + w[2] * 10) / 1000;
            assertEquals(1, mean, 1e-5);
            assertEquals(0, w[3]);
            assertTrue(w[2] > w[1] && w[1] > w[0]);
        }
        float[] inverse = ClassWeights.of(TrainSettings.ClassWeighting.INVERSE, counts);
        assertEquals(90, inverse[2] / inverse[0], 1e-3);
        float[] sqrt = ClassWeights.of(TrainSettings.ClassWeighting.SQRT_INVERSE, counts);
        assertEquals(Math.sqrt(90), sqrt[2] / sqrt[0], 1e-3);
    }
}

package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.engine.EngineSupport;
import lstmsh.train.TrainSettings.OptimizerKind;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/** Each update rule against PyTorch's formulas written out in doubles. */
@CoreTest
class OptimizerTest {

    private static final float[] START = {0.5f, -1.0f, 2.0f, 0.25f};
    private static final float[][] GRADS = {{0.1f, -0.2f, 0.3f, 0.0f}, {-0.4f, 0.1f, 0.2f, 0.5f}, {0.35f, 0.3f, -0.1f, -0.2f}};

    private static float[] ours(OptimizerKind kind, double lr, double momentum, double wd) {
        EngineSupport.ops().setGradMode(false);
        try (NDManager m = EngineSupport.engine().newBaseManager(); Optimizer opt = new Optimizer(m)) {
            opt.use(kind);
            NDArray p = m.create(START, new Shape(2, 2));
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("w", p);
            opt.prepare(params, momentum);
            for (float[] g : GRADS) {
                try (NDManager step = m.newSubManager()) {
                    opt.update(params, step.create(g, new Shape(4)), lr, momentum, wd);
                }
            }
            return p.toFloatArray();
        }
    }

    private static double[] reference(OptimizerKind kind, double lr, double momentum, double wd) {
        double[] p = new double[4];
        double[] m = new double[4];
        double[] v = new double[4];
        double[] buf = new double[4];
        for (int i = 0; i < 4; i++) {
            p[i] = START[i];
        }
        int t = 0;
        for (float[] grad : GRADS) {
            t++;
            for (int i = 0; i < 4; i++) {
                double g = grad[i];
                if (kind != OptimizerKind.ADAMW) {
                    g += wd * p[i];
                }
                switch (kind) {
                    case ADAM, ADAMW -> {
                        if (kind == OptimizerKind.ADAMW) {
                            p[i] *= 1 - lr * wd;
                        }
                        m[i] = 0.9 * m[i] + 0.1 * g;
                        v[i] = 0.999 * v[i] + 0.001 * g * g;
                        double mh = m[i] / (1 - Math.pow(0.9, t));
                        double vh = v[i] / (1 - Math.pow(0.999, t));
                        p[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                    }
                    case SGD -> {
                        buf[i] = momentum * buf[i] + g;
                        p[i] -= lr * (momentum > 0 ? buf[i] : g);
                    }
                    case RMSPROP -> {
                        v[i] = 0.99 * v[i] + 0.01 * g * g;
                        double step = g / (Math.sqrt(v[i]) + 1e-8);
                        buf[i] = momentum * buf[i] + step;
                        p[i] -= lr * (momentum > 0 ? buf[i] : step);
                    }
                }
            }
        }
        return p;
    }

    private static void check(OptimizerKind kind, double lr, double momentum, double wd) {
        float[] got = ours(kind, lr, momentum, wd);
        double[] want = reference(kind, lr, momentum, wd);
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], got[i], 1e-5, kind + " lr " + lr + " momentum " + momentum + " wd " + wd + " [" + i + "]");
            assertTrue(Math.abs(got[i] - START[i]) > 1e-4, kind + " moved nothing");
        }
    }

    @Test
    void everyRuleMatchesPyTorchsFormulas() {
        check(OptimizerKind.ADAM, 0.01, 0, 0);
        check(OptimizerKind.ADAM, 0.01, 0, 0.1);
        check(OptimizerKind.ADAMW, 0.01, 0, 0.1);
        check(OptimizerKind.SGD, 0.5, 0, 0);
        check(OptimizerKind.SGD, 0.5, 0.9, 0.01);
        check(OptimizerKind.RMSPROP, 0.01, 0, 0);
        check(OptimizerKind.RMSPROP, 0.01, 0.5, 0.01);
    }

    @Test
    void theFlatStateSplitsBackPerParameter() {
        EngineSupport.ops().setGradMode(false);
        try (NDManager m = EngineSupport.engine().newBaseManager(); Optimizer opt = new Optimizer(m)) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("a", m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)));
            params.put("b", m.create(new float[] {7, 8}, new Shape(2)));
            Map<String, NDArray> grads = new LinkedHashMap<>();
            try (NDManager step = m.newSubManager()) {
                grads.put("a", step.create(new float[] {1, 1, 1, 1, 1, 1}, new Shape(2, 3)));
                grads.put("b", step.create(new float[] {-1, -1}, new Shape(2)));
                opt.update(params, Optimizer.flatten(grads), 0.1, 0, 0.5);
            }
            // Weight decay reached the matrix only; signs of the update follow each parameter's gradient.
            float[] a = params.get("a").toFloatArray();
            float[] b = params.get("b").toFloatArray();
            assertEquals(1 - 0.1, a[0], 1e-5);
            assertEquals(8 + 0.1, b[1], 1e-5);
            Map<String, float[]> state = opt.exportState();
            assertEquals(6, state.get("m.a").length);
            assertEquals(2, state.get("v.b").length);
            assertEquals(-0.1f, state.get("m.b")[0], 1e-6f);
            assertEquals(0.1f * (1 + 0.5f * 1), state.get("m.a")[0], 1e-6f);
            Map<String, Shape> shapes = new LinkedHashMap<>();
            shapes.put("a", new Shape(2, 3));
            shapes.put("b", new Shape(2));
            try (Optimizer again = new Optimizer(m)) {
                again.importState(OptimizerKind.ADAM, state, shapes, opt.updates());
                Map<String, float[]> back = again.exportState();
                for (String k : state.keySet()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(state.get(k), back.get(k), k);
                }
            }
        }
    }

    @Test
    void adamwDecaysDifferentlyFromAdamsL2() {
        float[] adam = ours(OptimizerKind.ADAM, 0.01, 0, 0.5);
        float[] adamw = ours(OptimizerKind.ADAMW, 0.01, 0, 0.5);
        double diff = 0;
        for (int i = 0; i < 4; i++) {
            diff += Math.abs(adam[i] - adamw[i]);
        }
        assertTrue(diff > 1e-3, "adam and adamw gave the same weights");
    }
}

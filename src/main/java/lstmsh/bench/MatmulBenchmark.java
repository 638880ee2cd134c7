package lstmsh.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.engine.EngineSupport;

/** The engine's dense float32 matrix multiply: the practical ceiling of anything built on it. */
final class MatmulBenchmark implements Benchmark {

    private static final int WARMUP = 2;
    private static final int REPEATS = 5;

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public void run(BenchSettings settings, BenchReport report, BenchListener listener) {
        int n = settings.matmulSize();
        EngineSupport.ops().setGradMode(false);
        double[] gflops = new double[REPEATS];
        try (NDManager m = EngineSupport.engine().newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                try (NDManager scope = m.newSubManager()) {
                    long start = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(scope);
                    c.getFloat(0, 0); // waits for the result
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (i >= WARMUP) {
                        gflops[i - WARMUP] = 2.0 * n * n * n / seconds / 1e9;
                    }
                }
            }
        }
        double best = java.util.Arrays.stream(gflops).max().orElse(Double.NaN);
        report.section("engine")
                .row(String.format("matmul %d×%d float32, best of %d", n, n, REPEATS), best, "GFLOP/s",
                        String.format(java.util.Locale.ROOT, "median %.0f", Bench.median(gflops)));
        report.figure("bench.matmul_gflops", best);
    }
}

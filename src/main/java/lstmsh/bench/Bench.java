package lstmsh.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the parts of {@code bench} in order into one report. */
public final class Bench {

    private Bench() {}

    /** The standard parts: engine ceiling, LSTM vs training step per size, and (opt-in) memory. */
    public static List<Benchmark> standard(BenchSettings settings) {
        List<Benchmark> parts = new ArrayList<>();
        parts.add(new MatmulBenchmark());
        for (int h : settings.hidden()) {
            parts.add(new TrainingStepBenchmark(h, h == settings.hidden().get(0)));
        }
        if (settings.memory()) {
            parts.add(new MemoryBenchmark());
        }
        return parts;
    }

    public static BenchReport run(BenchSettings settings, List<Benchmark> parts, BenchListener listener) {
        BenchReport report = new BenchReport();
        for (Benchmark b : parts) {
            if (listener.cancelled()) {
                report.note("stopped by Ctrl-C before " + b.name());
                break;
            }
            listener.status(b.name() + " ...");
            b.run(settings, report, listener);
        }
        return report;
    }

    /** The median, the usual summary of rounds on a machine others share. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

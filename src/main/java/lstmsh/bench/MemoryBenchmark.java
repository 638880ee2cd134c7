package lstmsh.bench;

import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.SampleDuringTraining;
import lstmsh.train.CancelSignal;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingData;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;

/**
 * Resident memory of a long training run with validation passes and samples, as a user runs
 * it, at a tenth of the way and at the end (500 and 5,000 steps by default): a leak of a few
 * arrays a step shows as growth.
 */
final class MemoryBenchmark implements Benchmark {

    /** Validation passes and samples a run makes: every 500 and 1,000 steps of 20,000. */
    private static final int VALIDATIONS = 40;
    private static final int SAMPLES = 20;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void run(BenchSettings s, BenchReport report, BenchListener listener) {
        int hidden = s.hidden().get(0);
        int total = s.memorySteps();
        int first = total / 10;
        long[] rss = {-1, -1};
        CancelSignal cancel = new CancelSignal();
        try (LstmLanguageModel model = Synthetic.model(s, hidden);
                TrainingState state = new TrainingState(model.manager())) {
            TrainingData data = Synthetic.data(s, 50, true);
            TrainSettings settings = TrainSettings.builder().steps(total).batch(s.batch()).seq(s.seq())
                    .evalEvery(Math.max(1, total / VALIDATIONS)).build();
            TrainingListener l = new TrainingListener() {
                @Override
                public void onStep(StepProgress p) {
                    if (p.step() == first) {
                        rss[0] = Rss.bytes();
                    }
                    if (p.step() == total) {
                        rss[1] = Rss.bytes();
                    }
                    if (p.step() % 10 == 0) {
                        listener.status(String.format("memory: step %d/%d, resident %.0f MB", p.step(), total,
                                Rss.bytes() / 1e6));
                    }
                    if (listener.cancelled()) {
                        cancel.cancel();
                    }
                }
            };
            TrainingListener sampling = SampleDuringTraining.wrap(l, model, null, Math.max(1, total / SAMPLES),
                    SampleDuringTraining.DEFAULT_LENGTH, line -> {});
            new TrainingLoop(model, data, settings, state, sampling, cancel).run();
        }
        BenchReport.Section section = report.section(String.format("memory, %d × LSTM(%d), %d steps with validation and samples",
                s.layers(), hidden, total));
        if (rss[0] < 0 || rss[1] < 0) {
            section.row("resident memory", Double.NaN, "", rss[0] < 0 && Rss.bytes() < 0
                    ? "not available (no /proc/self/status)" : "stopped before the last step");
            return;
        }
        double growth = (double) (rss[1] - rss[0]) / rss[0];
        section.row("resident at step " + first, rss[0] / 1e6, "MB", "")
                .row("resident at step " + total, rss[1] / 1e6, "MB", "")
                .row("growth", growth, "", "target within ±0.05");
        report.figure("bench.rss_growth", growth);
        report.figure("bench.rss_mb", rss[1] / 1e6);
    }
}

package lstmsh.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.engine.EngineOps;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.CancelSignal;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingData;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;
import lstmsh.util.Format;

import java.util.ArrayList;
import java.util.List;

/**
 * For one hidden size: the bare fused LSTM forward and backward (one engine call for all
 * layers, no embedding, softmax or optimizer) against lstmsh's whole training step on the same
 * shapes, rounds alternating so that a change of machine load hits both alike.
 */
final class TrainingStepBenchmark implements Benchmark {

    private final int hidden;
    private final boolean primary;

    TrainingStepBenchmark(int hidden, boolean primary) {
        this.hidden = hidden;
        this.primary = primary;
    }

    @Override
    public String name() {
        return "hidden " + hidden;
    }

    @Override
    public void run(BenchSettings s, BenchReport report, BenchListener listener) {
        double tokensPerStep = (double) s.batch() * s.seq();
        List<Double> lstmSteps = new ArrayList<>();
        List<Double> trainSteps = new ArrayList<>();
        try (BareLstm bare = new BareLstm(s, hidden);
                LstmLanguageModel model = Synthetic.model(s, hidden);
                TrainingState state = new TrainingState(model.manager())) {
            TrainingData data = Synthetic.data(s, 8, false);
            bare.steps(1, new ArrayList<>());
            trainSteps(model, data, state, s, 1, new ArrayList<>());
            for (int r = 0; r < s.rounds() && !listener.cancelled(); r++) {
                listener.status(String.format("hidden %d, round %d/%d: bare LSTM", hidden, r + 1, s.rounds()));
                bare.steps(s.steps(), lstmSteps);
                listener.status(String.format("hidden %d, round %d/%d: training step", hidden, r + 1, s.rounds()));
                trainSteps(model, data, state, s, s.steps(), trainSteps);
            }
        }
        if (lstmSteps.isEmpty() || trainSteps.isEmpty()) {
            return;
        }
        double[] lstm = rates(lstmSteps, tokensPerStep);
        double[] train = rates(trainSteps, tokensPerStep);
        // The fastest step of each: load from other processes can only slow a step down, so the
        // best of many is the steadiest estimate of what the code costs on a shared machine.
        double lstmRate = max(lstm);
        double trainRate = max(train);
        double ratio = trainRate / lstmRate;
        double medianRatio = Bench.median(train) / Bench.median(lstm);
        double lstmGflops = lstmRate * flopsPerToken(s, hidden) / 1e9;
        report.section(String.format("%d × LSTM(%d), batch %d, seq %d, embedding %d, vocabulary %d; best of %d steps",
                        s.layers(), hidden, s.batch(), s.seq(), s.embed(), s.vocab(), lstm.length))
                .row("bare fused LSTM forward+backward", lstmRate, "tok/s",
                        String.format(java.util.Locale.ROOT, "%.0f GFLOP/s; median %s", lstmGflops,
                                Format.count(Bench.median(lstm))))
                .row("lstmsh training step", trainRate, "tok/s",
                        "median " + Format.count(Bench.median(train)))
                .row("training step / bare LSTM", ratio, "",
                        String.format(java.util.Locale.ROOT, "medians %.3f; target >= 1.0", medianRatio));
        String prefix = "bench.h" + hidden + ".";
        report.figure(prefix + "lstm_tok_per_s", lstmRate);
        report.figure(prefix + "train_tok_per_s", trainRate);
        report.figure(prefix + "train_ratio", ratio);
        if (primary) {
            report.figure("bench.lstm_tok_per_s", lstmRate);
            report.figure("bench.train_tok_per_s", trainRate);
            report.figure("bench.train_ratio", ratio);
        }
    }

    private static double[] rates(List<Double> seconds, double tokens) {
        return seconds.stream().mapToDouble(t -> tokens / t).toArray();
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Forward and backward of the LSTM layers: about three times the forward's multiply-adds. */
    static double flopsPerToken(BenchSettings s, int hidden) {
        double forward = 0;
        int in = s.embed();
        for (int l = 0; l < s.layers(); l++) {
            forward += 2.0 * 4 * hidden * (in + hidden);
            in = hidden;
        }
        return 3 * forward;
    }

    /** Runs {@code steps} training steps, adding each one's wall time to {@code times}. */
    static TrainResult trainSteps(LstmLanguageModel model, TrainingData data, TrainingState state, BenchSettings s,
            int steps, List<Double> times) {
        TrainSettings settings = TrainSettings.builder().steps(steps).batch(s.batch()).seq(s.seq()).build();
        double[] last = {0};
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onStep(StepProgress p) {
                times.add(p.elapsedSeconds() - last[0]);
                last[0] = p.elapsedSeconds();
            }
        };
        return new TrainingLoop(model, data, settings, state, timer, new CancelSignal()).run();
    }

    /**
     * The engine's fused multi-layer LSTM with its own weights, a mean as the loss, and nothing
     * else. Its input takes a gradient, as the embedding's output does in a training step, so the
     * two run the same backward.
     */
    static final class BareLstm implements AutoCloseable {
        private final NDManager manager = EngineSupport.engine().newBaseManager();
        private final List<NDArray> parameters = new ArrayList<>();
        private final NDArray input;
        private final NDArray h0;
        private final NDArray c0;
        private final int layers;

        BareLstm(BenchSettings s, int hidden) {
            layers = s.layers();
            int in = s.embed();
            float limit = (float) (1 / Math.sqrt(hidden));
            for (int l = 0; l < layers; l++) {
                for (Shape shape : List.of(new Shape(4L * hidden, in), new Shape(4L * hidden, hidden),
                        new Shape(4L * hidden), new Shape(4L * hidden))) {
                    NDArray p = manager.randomUniform(-limit, limit, shape);
                    p.setRequiresGradient(true);
                    parameters.add(p);
                }
                in = hidden;
            }
            input = manager.randomUniform(-1, 1, new Shape(s.batch(), s.seq(), s.embed()));
            input.setRequiresGradient(true);
            h0 = manager.zeros(new Shape(layers, s.batch(), hidden));
            c0 = manager.zeros(new Shape(layers, s.batch(), hidden));
        }

        /** Runs {@code n} steps, adding each one's wall time to {@code times}. */
        void steps(int n, List<Double> times) {
            EngineOps ops = EngineSupport.ops();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                try (NDManager step = manager.newSubManager()) {
                    step.tempAttachAll(parameters.toArray(new NDArray[0]));
                    try (GradientCollector collector = EngineSupport.engine().newGradientCollector()) {
                        NDList out = input.getNDArrayInternal().lstm(input, new NDList(h0, c0), new NDList(parameters),
                                true, layers, 0, true, false, true);
                        NDArray loss = out.get(0).mean();
                        loss.attach(step);
                        out.attach(step);
                        collector.backward(loss);
                        loss.getFloat();
                    }
                    parameters.forEach(ops::zeroGradient);
                    ops.zeroGradient(input);
                }
                times.add((System.nanoTime() - start) / 1e9);
            }
        }

        /** The LSTM's input, whose gradient each step computes. */
        NDArray input() {
            return input;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}

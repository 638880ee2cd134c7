package lstmsh.bench;

import lstmsh.model.LstmLanguageModel;
import lstmsh.train.TrainingData;
import lstmsh.train.TrainingState;

import java.util.ArrayList;
import java.util.List;

/** The training step's throughput for one model shape, timed as the bench times it, for planners. */
public final class TrainingSpeed {

    private TrainingSpeed() {}

    /**
     * Tokens per second of lstmsh's whole training step on random tokens: one untimed step, then
     * the fastest of {@code steps} (load from other processes only slows a step down).
     */
    public static double tokensPerSecond(int embed, List<Integer> hidden, int vocab, int batch, int seq, int steps) {
        BenchSettings s = new BenchSettings(List.of(hidden.get(0)), hidden.size(), batch, seq, embed, Math.max(2, vocab),
                steps, 1, false, BenchSettings.DEFAULT_MEMORY_STEPS, BenchSettings.DEFAULT_MATMUL_SIZE);
        List<Double> times = new ArrayList<>();
        try (LstmLanguageModel model = Synthetic.model(s, hidden.get(0));
                TrainingState state = new TrainingState(model.manager())) {
            TrainingData data = Synthetic.data(s, steps + 1, false);
            TrainingStepBenchmark.trainSteps(model, data, state, s, 1, new ArrayList<>());
            TrainingStepBenchmark.trainSteps(model, data, state, s, steps, times);
        }
        double best = times.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return (double) batch * seq / best;
    }
}

package lstmsh.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a run ended. Losses are nats per token; NaN where not measured.
 *
 * @param steps steps run (after a divergence: the steps kept)
 * @param loss mean training loss over the last steps of the run (the objective: weighted, smoothed)
 * @param lossSteps how many steps that mean covers (the last ones kept, at most {@link TrainingLoop#RECENT_LOSSES})
 * @param valLoss validation loss at the end
 * @param tokensPerSecond training throughput of the run, validation excluded
 * @param seconds wall time of the run
 * @param stop why it ended
 * @param detail what the user should read about the stop, empty when it completed
 * @param bestValLoss the best scheduled validation loss of the model so far
 * @param bestStep the model step where it was measured (-1: none)
 * @param lr the learning rate of the last step
 * @param notices what else the run said (a changed optimizer, a dropped state, ...)
 * @param globalStep the steps the model has trained in all, after the run
 */
public record TrainResult(
        long steps,
        double loss,
        int lossSteps,
        double valLoss,
        double tokensPerSecond,
        double seconds,
        Stop stop,
        String detail,
        double bestValLoss,
        long bestStep,
        double lr,
        List<String> notices,
        long globalStep) {

    public enum Stop {
        COMPLETED,
        CANCELLED,
        TIME_BUDGET,
        DIVERGED,
        EARLY_STOPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The run's figures for {@code expect}, by name. */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("train.steps", (double) steps);
        f.put("train.loss", loss);
        f.put("train.val_loss", valLoss);
        f.put("train.val_bits", valLoss / Math.log(2));
        f.put("train.tok_per_s", tokensPerSecond);
        f.put("train.seconds", seconds);
        f.put("train.best_val_loss", bestValLoss);
        f.put("train.best_step", (double) bestStep);
        f.put("train.global_step", (double) globalStep);
        f.put("train.lr", lr);
        f.put("train.stopped_early", stop == Stop.EARLY_STOPPED ? 1.0 : 0.0);
        return f;
    }
}

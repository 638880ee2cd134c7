package lstmsh.train;

/**
 * How a run ended. Losses are nats per token; NaN where not measured.
 *
 * @param steps steps run (after a divergence: the steps kept)
 * @param loss mean training loss over the last steps of the run (the objective: weighted, smoothed)
 * @param valLoss validation loss at the end
 * @param tokensPerSecond training throughput of the run, validation excluded
 * @param seconds wall time of the run
 * @param stop why it ended
 * @param detail what the user should read about the stop, empty when it completed
 * @param bestValLoss the best scheduled validation loss of the model so far
 * @param bestStep the model step where it was measured (-1: none)
 * @param lr the learning rate of the last step
 * @param notices what else the run said (a changed optimizer, a dropped state, ...)
 */
public record TrainResult(
        long steps,
        double loss,
        double valLoss,
        double tokensPerSecond,
        double seconds,
        Stop stop,
        String detail,
        double bestValLoss,
        long bestStep,
        double lr,
        java.util.List<String> notices) {

    public enum Stop {
        COMPLETED,
        CANCELLED,
        TIME_BUDGET,
        DIVERGED,
        EARLY_STOPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}

package lstmsh.train;

/**
 * How a run ended. Losses are nats per token; NaN where not measured.
 *
 * @param steps steps run
 * @param loss mean training loss over the last steps of the run
 * @param valLoss validation loss at the end
 * @param tokensPerSecond training throughput of the run, validation excluded
 * @param seconds wall time of the run
 * @param stop why it ended
 */
public record TrainResult(
        long steps,
        double loss,
        double valLoss,
        double tokensPerSecond,
        double seconds,
        Stop stop,
        String detail) {

    public enum Stop {
        COMPLETED,
        CANCELLED,
        TIME_BUDGET,
        DIVERGED
    }
}

package lstmsh.train;

/**
 * One training step as the live line shows it. Losses are in nats per token.
 *
 * @param step steps done in this run
 * @param totalSteps steps this run will take (a time budget may end it sooner)
 * @param globalStep steps this model has trained in all
 * @param loss this step's training loss
 * @param smoothedLoss an exponential average of the loss
 * @param valLoss the latest validation loss, NaN before the first
 * @param tokensPerSecond training throughput since the run began
 * @param gradNorm global gradient norm before clipping
 * @param lr the learning rate used
 * @param elapsedSeconds time since the run began
 * @param remainingSeconds estimated time to the end of the run, validation included; NaN once it stopped
 */
public record StepProgress(
        long step,
        long totalSteps,
        long globalStep,
        double loss,
        double smoothedLoss,
        double valLoss,
        double tokensPerSecond,
        double gradNorm,
        double lr,
        double elapsedSeconds,
        double remainingSeconds) {}

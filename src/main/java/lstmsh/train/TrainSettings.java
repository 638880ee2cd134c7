package lstmsh.train;

/**
 * How one {@code train} run goes. Defaults live here; 0 means "not set" for the budgets.
 *
 * @param steps steps to run (0: use epochs)
 * @param epochs passes over the training stream (0 with steps 0: one epoch)
 * @param minutes wall-clock budget (0: none)
 * @param batch sequences per step
 * @param seq tokens per sequence (truncated back-propagation length)
 * @param lr Adam's learning rate
 * @param clip global gradient-norm limit (0: off)
 * @param seed seed of dropout for this run
 * @param evalEvery steps between validation passes (0: about ten per run)
 */
public record TrainSettings(
        long steps,
        int epochs,
        double minutes,
        int batch,
        int seq,
        double lr,
        double clip,
        long seed,
        int evalEvery) {

    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_SEQ = 100;
    public static final double DEFAULT_LR = 0.002;
    public static final double DEFAULT_CLIP = 5;
    public static final long DEFAULT_SEED = 1;

    public static TrainSettings defaults() {
        return new TrainSettings(
                0, 0, 0, DEFAULT_BATCH, DEFAULT_SEQ, DEFAULT_LR, DEFAULT_CLIP, DEFAULT_SEED, 0);
    }

    public TrainSettings {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must not be negative, got " + steps);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must not be negative, got " + epochs);
        }
        if (steps > 0 && epochs > 0) {
            throw new IllegalArgumentException("give --steps or --epochs, not both");
        }
        if (minutes < 0) {
            throw new IllegalArgumentException("--minutes must not be negative, got " + minutes);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (seq < 1) {
            throw new IllegalArgumentException("--seq must be at least 1, got " + seq);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("--clip must be 0 (off) or positive, got " + clip);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must not be negative, got " + evalEvery);
        }
    }
}

package lstmsh.train;

/**
 * One {@code train} command as the model remembers it.
 *
 * @param startStep model step before the run
 * @param endStep model step after it
 * @param settings the run's settings as options
 * @param stop how it ended (completed, cancelled, time budget, diverged, early stop)
 * @param seconds wall time
 * @param tokensPerSecond training throughput
 * @param valLoss validation loss at the end (NaN when none)
 */
public record RunRecord(long startStep, long endStep, String settings, String stop, double seconds,
        double tokensPerSecond, double valLoss) {}

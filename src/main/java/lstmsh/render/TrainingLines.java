package lstmsh.render;

import lstmsh.train.StepProgress;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainingListener;
import lstmsh.util.Format;

import java.util.Locale;

/** What {@code train} prints: the live progress line, validation results, notices and the summary. */
public final class TrainingLines {

    private TrainingLines() {}

    /** A listener that keeps {@code line} at the latest step and prints validations and notices above it. */
    public static TrainingListener on(LiveLine line) {
        return new TrainingListener() {
            @Override
            public void onStep(StepProgress p) {
                line.update(progress(p));
            }

            @Override
            public void onValidation(long step, double valLoss) {
                line.println(String.format("  step %d: validation loss %s (%s bits/token)", step,
                        Format.loss(valLoss), Format.bits(valLoss)));
            }

            @Override
            public void onNotice(String message) {
                line.println("  " + message);
            }
        };
    }

    /**
     * The model's step first, as validation lines and metrics count; then this run's share, the
     * smoothed loss, and the time left while the run goes on.
     */
    public static String progress(StepProgress p) {
        boolean finished = p.step() >= p.totalSteps() || Double.isNaN(p.remainingSeconds());
        return String.format("step %d (run %d/%d %3.0f%%)  smoothed loss %s  val %s (%s bits)  %s tok/s  |g| %.2f  lr %s  elapsed %s%s",
                p.globalStep(), p.step(), p.totalSteps(), 100.0 * p.step() / p.totalSteps(), Format.loss(p.smoothedLoss()),
                Format.loss(p.valLoss()), Format.bits(p.valLoss()), Format.count(p.tokensPerSecond()), p.gradNorm(),
                rate(p.lr()), Format.duration(p.elapsedSeconds()),
                finished ? "" : "  left " + Format.duration(p.remainingSeconds()));
    }

    /**
     * The run in one line, with why it stopped when it did not complete. Its loss is the mean of
     * the last steps, not the live line's smoothed one, and says so.
     */
    public static String summary(TrainResult r) {
        String span = r.steps() > 0 ? "model steps " + (r.globalStep() - r.steps() + 1) + "–" + r.globalStep()
                : "the model stays at step " + r.globalStep();
        String loss = r.lossSteps() == 0 ? "-" : Format.loss(r.loss()) + " (mean of the last "
                + (r.lossSteps() == 1 ? "step)" : r.lossSteps() + " steps)");
        return String.format("trained %d steps (%s) in %s: training loss %s,"
                        + " validation %s nats/token (%s bits), %s tok/s, lr %s%s",
                r.steps(), span, Format.duration(r.seconds()), loss,
                Format.loss(r.valLoss()), Format.bits(r.valLoss()), Format.count(r.tokensPerSecond()),
                rate(r.lr()),
                switch (r.stop()) {
                    case COMPLETED -> "";
                    case CANCELLED -> " (stopped by Ctrl-C; the model is kept)";
                    case TIME_BUDGET -> " (time budget reached)";
                    case DIVERGED -> " (diverged)";
                    case EARLY_STOPPED -> " (early stop; best weights restored)";
                });
    }

    /** The model's best validation so far; null before any. */
    public static String best(TrainResult r) {
        if (Double.isNaN(r.bestValLoss())) {
            return null;
        }
        return String.format("best validation loss so far: %s (%s bits) at step %d; the model has trained %d steps",
                Format.loss(r.bestValLoss()), Format.bits(r.bestValLoss()), r.bestStep(), r.globalStep());
    }

    static String rate(double lr) {
        return Double.isFinite(lr) ? String.format(Locale.ROOT, "%.3g", lr) : "-";
    }
}

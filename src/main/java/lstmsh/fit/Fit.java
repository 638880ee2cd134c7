package lstmsh.fit;

import lstmsh.checkpoint.Checkpoint;
import lstmsh.corpus.Corpus;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.CancelSignal;
import lstmsh.train.Schedule;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;

import java.nio.file.Path;

/**
 * Trains a new model by a {@link AutoPlan.Plan}: a cosine over the time budget, the best
 * weights restored at the end, and with a save folder each new best written there as it is
 * measured, so an interrupted or crashed run keeps its best model on disk.
 */
public final class Fit {

    /** A run has no step limit of its own: the time budget ends it, so a fast machine is not held back. */
    static final long STEP_CEILING_FACTOR = 10;

    private Fit() {}

    /**
     * How a fit ended.
     *
     * @param result the training run, its validation loss that of the weights the model ends on
     * @param restoredStep the step whose best weights replaced the last ones (-1: the last ones were best)
     * @param savedStep the step of the weights in the save folder (-1: nothing saved)
     */
    public record Outcome(TrainResult result, long restoredStep, long savedStep) {}

    /** The plan's architecture: dropout between the layers and before the softmax. */
    public static ModelSettings modelSettings(AutoPlan.Plan plan, long seed) {
        ModelShape s = plan.shape();
        return new ModelSettings(s.embed(), s.hiddenSizes(), plan.dropout(), seed, 0f, plan.dropout(), false,
                Init.XAVIER, ModelSettings.DEFAULT_FORGET_BIAS);
    }

    /** The plan's training: until the time ends, Adam or the given optimizer, a cosine ending with the budget. */
    public static TrainSettings trainSettings(AutoPlan.Plan plan, long seed) {
        return TrainSettings.builder()
                .steps(Math.max(1, plan.plannedSteps()) * STEP_CEILING_FACTOR).minutes(plan.minutes())
                .batch(plan.batch()).seq(plan.seq()).lr(plan.lr()).seed(seed).evalEvery(plan.evalEvery())
                .optimizer(plan.optimizer()).patience(plan.patience())
                .schedule(Schedule.of(Schedule.Kind.COSINE).withWarmup(plan.warmup()).overTime())
                .build();
    }

    /** Trains {@code model} (new, with its fresh state) and ends on its best weights. */
    public static Outcome train(LstmLanguageModel model, TrainingState state, Corpus corpus, TrainSettings settings,
            Path saveDir, TrainingListener listener, CancelSignal cancel) {
        BestOnDisk disk = saveDir == null ? null : new BestOnDisk(saveDir, model, state, corpus.source(), listener);
        TrainResult result = new TrainingLoop(model, corpus, settings, state, disk == null ? listener : disk, cancel)
                .run();
        long restored = -1;
        double endLoss = result.valLoss();
        if (state.bestWeights() != null && state.bestValStep() != state.globalStep()
                && !(state.bestValLoss() >= endLoss)) {
            model.restoreParameters(state.bestWeights());
            restored = state.bestValStep();
            endLoss = state.bestValLoss();
        }
        long saved = -1;
        if (disk != null) {
            // The final pass is recorded after the listener hears of it: a best found there is written now.
            if (disk.savedStep != state.bestValStep() && state.bestWeights() != null) {
                disk.save();
                disk.savedStep = state.bestValStep();
            }
            saved = disk.savedStep;
        }
        TrainResult ended = new TrainResult(result.steps(), result.loss(), result.lossSteps(), endLoss,
                result.tokensPerSecond(), result.seconds(), result.stop(), result.detail(), result.bestValLoss(),
                result.bestStep(), result.lr(), result.notices(), result.globalStep());
        return new Outcome(ended, restored, saved);
    }

    /** Passes everything on and writes the model to the save folder whenever a validation is the best so far. */
    private static final class BestOnDisk implements TrainingListener {
        private final Path dir;
        private final LstmLanguageModel model;
        private final TrainingState state;
        private final String source;
        private final TrainingListener next;
        private long savedStep = -1;

        BestOnDisk(Path dir, LstmLanguageModel model, TrainingState state, String source, TrainingListener next) {
            this.dir = dir;
            this.model = model;
            this.state = state;
            this.source = source;
            this.next = next;
        }

        @Override
        public void onStep(StepProgress progress) {
            next.onStep(progress);
        }

        @Override
        public void onValidation(long globalStep, double valLoss) {
            next.onValidation(globalStep, valLoss);
            if (state.bestValStep() == globalStep && savedStep != globalStep) {
                save();
                savedStep = globalStep;
            }
        }

        @Override
        public void onNotice(String message) {
            next.onNotice(message);
        }

        /** The model as it is now; after the run, the best weights restored. */
        void save() {
            Checkpoint.save(dir, model, state, source);
        }
    }
}

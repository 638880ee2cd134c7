package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineOps;
import lstmsh.engine.EngineSupport;
import lstmsh.engine.HostBuffer;
import lstmsh.model.Compatibility;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop, written out as nanoGPT's is: batch, forward, loss, backward, clip,
 * update. Every array of a step lives in a manager closed at the end of that step, so long
 * runs keep flat memory. Everything random is drawn from the run's seed and the model's step,
 * and everything else a step depends on lives in {@link TrainingState}, so two runs of N steps
 * with a save and load between them equal one run of 2N.
 */
public final class TrainingLoop {

    static final double SMOOTHING = 0.05;
    /** Steps between the copies of the whole state a divergence rolls back to. */
    public static final int SNAPSHOT_EVERY = 25;
    /** As char-rnn: a loss this many times the run's first is divergence, not noise. */
    public static final double EXPLOSION_FACTOR = 3;
    /** The last steps whose training losses the result averages. */
    public static final int RECENT_LOSSES = 20;

    private final LstmLanguageModel model;
    private final Corpus corpus;
    private final TrainingData givenData;
    private final TrainSettings settings;
    private final TrainingState state;
    private final TrainingListener listener;
    private final CancelSignal cancel;

    public TrainingLoop(
            LstmLanguageModel model,
            Corpus corpus,
            TrainSettings settings,
            TrainingState state,
            TrainingListener listener,
            CancelSignal cancel) {
        this(model, corpus, null, settings, state, listener, cancel);
    }

    /** A loop over batches made elsewhere (benchmarks, tests); the vocabulary is the caller's concern. */
    public TrainingLoop(
            LstmLanguageModel model,
            TrainingData data,
            TrainSettings settings,
            TrainingState state,
            TrainingListener listener,
            CancelSignal cancel) {
        this(model, null, data, settings, state, listener, cancel);
    }

    private TrainingLoop(LstmLanguageModel model, Corpus corpus, TrainingData data, TrainSettings settings,
            TrainingState state, TrainingListener listener, CancelSignal cancel) {
        this.model = model;
        this.corpus = corpus;
        this.givenData = data;
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.cancel = cancel;
    }

    public TrainResult run() {
        if (corpus != null) {
            String problem = Compatibility.problem(model, "", corpus.tokenizer(), corpus.vocabulary(), corpus.source());
            if (problem != null) {
                throw new LstmshException(problem);
            }
        }
        return new Run(givenData != null ? givenData : TrainingData.of(corpus, settings)).train();
    }

    /** The engine seed of one step: dropout masks depend on the run's seed and the model's step only. */
    public static int stepSeed(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step).nextInt();
    }

    /** Steps a run takes: --steps, else --epochs (at least one) of {@code perEpoch} batches. */
    static long totalSteps(TrainSettings s, int perEpoch) {
        return s.steps() > 0 ? s.steps() : (long) Math.max(1, s.epochs()) * perEpoch;
    }

    /** Model steps between validation passes: --eval-every, else about ten a run and at least 50 apart. */
    static long evalEvery(TrainSettings s, long totalSteps) {
        return s.evalEvery() > 0 ? s.evalEvery() : Math.max(50, (totalSteps + 9) / 10);
    }

    /**
     * Why a step's result is divergence rather than noise, or null when it is not: a loss or
     * gradient norm that is not finite, or a loss over {@link #EXPLOSION_FACTOR} times the run's first.
     */
    static String divergence(double loss, double gradNorm, double firstLoss) {
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
            String what = Double.isFinite(loss) ? "the gradient norm" : "the loss";
            double value = Double.isFinite(loss) ? gradNorm : loss;
            return what + " became " + (Double.isNaN(value) ? "NaN" : "infinite");
        }
        if (loss > EXPLOSION_FACTOR * firstLoss) {
            return String.format(Locale.ROOT, "the loss rose to %.4g, over %.0f× its starting %.4g",
                    loss, EXPLOSION_FACTOR, firstLoss);
        }
        return null;
    }

    /** The exponential average of the loss after one more step (the first step starts it). */
    static double smoothed(double previous, double loss) {
        return Double.isNaN(previous) ? loss : previous + SMOOTHING * (loss - previous);
    }

    /**
     * Validation passes still ahead, at most: the scheduled ones, one per epoch end and the
     * final one; none once the last step is done, as its pass came before. {@code window} is the
     * model's batch position.
     */
    static long evalsLeft(long stepsLeft, long evalEvery, long window, int perEpoch) {
        return stepsLeft == 0 ? 0 : stepsLeft / evalEvery + (window % perEpoch + stepsLeft) / perEpoch + 1;
    }

    /** Estimated seconds to the end of the run, never past what the time budget leaves. */
    static double timeLeft(long stepsLeft, double perStep, long evalsLeft, double perEval, double budgetLeft) {
        return Math.min(stepsLeft * perStep + evalsLeft * perEval, budgetLeft);
    }

    /** True when a run cut short by Ctrl-C or its time budget needs a validation pass to end on. */
    static boolean finalPassDue(TrainResult.Stop stop, long done, boolean validates, boolean measuredLastStep) {
        return (stop == TrainResult.Stop.CANCELLED || stop == TrainResult.Stop.TIME_BUDGET)
                && done > 0 && validates && !measuredLastStep;
    }

    /** What to change after a divergence at learning rate {@code lr}. */
    static String advice(double lr, TrainSettings s) {
        String lower = String.format(Locale.ROOT, "%.2g", lr / 3);
        StringBuilder b = new StringBuilder("try a lower --lr (this step used " + String.format(Locale.ROOT, "%.3g", lr)
                + "; e.g. " + lower + ")");
        if (s.clip() == 0) {
            b.append(" and turn clipping on (--clip 5)");
        } else if (s.clip() > 1) {
            b.append(" or a smaller --clip (now ").append(TrainSettings.number(s.clip())).append(')');
        }
        if (s.schedule().warmup() == 0) {
            b.append(", or a warm-up (--warmup 100)");
        }
        return b.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A step's training loss and its gradient norm before clipping. */
    record StepLoss(double loss, double gradNorm) {}

    /** One call of {@link #run()}: its batches, clocks and counters. */
    private final class Run {
        private final Batches train;
        private final Batches validation;
        private final int perEpoch;
        private final List<String> notices = new ArrayList<>();
        private final long totalSteps;
        private final long runEnd;
        private final long evalEvery;
        private final double deadline;
        private final float[] classWeights;
        private final EngineOps ops;
        private final Map<String, NDArray> parameters;
        private final float[] coefficients;
        /** Each step's arrays are closed with the step, so one buffer per kind serves the whole run. */
        private final HostBuffer inputBuffer = new HostBuffer();
        private final HostBuffer targetBuffer = new HostBuffer();
        private final HostBuffer coefficientBuffer = new HostBuffer();
        private final long start;
        private final long startStep;
        private final List<Double> recentLosses = new ArrayList<>();
        private TrainingState.Mark lastGood;
        private double trainSeconds;
        private double evalSeconds;
        private int evaluations;
        private long tokens;
        private double smoothed = Double.NaN;
        private double firstLoss = Double.NaN;
        private double lastVal = Double.NaN;
        private long lastValStep = -1;
        private double lr = Double.NaN;
        private TrainResult.Stop stop = TrainResult.Stop.COMPLETED;
        private String detail = "";
        private long done;
        private boolean stopAnnounced;
        private StepLoss lastStep;

        Run(TrainingData data) {
            train = data.train();
            validation = data.validation();
            perEpoch = train.perEpoch();
            adoptLayoutAndOptimizer();
            state.restoreSeed(settings.seed());
            totalSteps = totalSteps(settings, perEpoch);
            runEnd = state.globalStep() + totalSteps;
            evalEvery = evalEvery(settings, totalSteps);
            deadline = settings.minutes() > 0 ? settings.minutes() * 60 : Double.POSITIVE_INFINITY;
            classWeights = ClassWeights.of(settings.classWeights(), data.counts());
            ops = EngineSupport.ops();
            ops.setGradMode(false);
            parameters = model.parameters();
            state.optimizer().prepare(parameters, settings.momentum());
            coefficients = new float[train.capacity()];
            start = System.nanoTime();
            startStep = state.globalStep();
            lastGood = state.new Mark(model);
        }

        TrainResult train() {
            try {
                while (done < totalSteps && !interrupted()) {
                    long position = state.window();
                    if (position % perEpoch == 0) {
                        state.carry(null); // a new epoch starts from a clean state
                    }
                    Batches.Batch batch = train.get(position, settings.seed());
                    lr = settings.schedule().lr(settings.lr(), state.globalStep(), position / perEpoch, runEnd,
                            state.plateauScale(), budgetSpent());
                    EngineSupport.seed(stepSeed(settings.seed(), state.globalStep()));
                    long stepStart = System.nanoTime();
                    StepLoss step = step(batch);
                    if (Double.isNaN(firstLoss)) {
                        firstLoss = step.loss();
                    }
                    String problem = divergence(step.loss(), step.gradNorm(), firstLoss);
                    if (problem != null) {
                        rollBack(problem);
                        break;
                    }
                    keep(batch, step.loss(), seconds(stepStart));
                    if (validateAndReport(step)) {
                        stopEarly();
                        break;
                    }
                }
            } finally {
                lastGood.close();
            }
            double valLoss = finalValidation();
            if (stop != TrainResult.Stop.DIVERGED && lastStep != null && done < totalSteps) {
                listener.onStep(progress(lastStep, true)); // the live line ends on the stop, not on a time left
            }
            return result(valLoss);
        }

        /** A changed batch layout moves the position to the same point of the epoch; a changed optimizer starts afresh. */
        private void adoptLayoutAndOptimizer() {
            long startWindow = state.window();
            if (state.adoptShape(train.shape(), perEpoch)) {
                state.carry(null);
                notices.add("the batch layout changed (now " + train.shape() + "); the data position moved from batch "
                        + startWindow + " to " + state.window()
                        + ", the same point of the epoch, and the carried state was reset");
            }
            if (!carries() || !fits(state.carried())) {
                state.carry(null);
            }
            if (state.optimizer().use(settings.optimizer())) {
                notices.add("the optimizer changed to " + settings.optimizer().label() + "; its state starts from zero");
            }
        }

        private boolean carries() {
            return settings.carryState() && train.continuous();
        }

        /** True when a carried state fits this run's batch and the model's layers. */
        private boolean fits(LstmState carried) {
            if (carried == null) {
                return true;
            }
            if (carried.layers() != model.settings().layers()) {
                return false;
            }
            for (int l = 0; l < carried.layers(); l++) {
                Shape s = carried.h().get(l).getShape();
                if (s.get(1) != settings.batch() || s.get(2) != model.settings().hidden().get(l)) {
                    return false;
                }
            }
            return true;
        }

        /** Share of the time budget spent, NaN without one. */
        private double budgetSpent() {
            return Double.isInfinite(deadline) ? Double.NaN : seconds(start) / deadline;
        }

        /** Sets the stop and says why when Ctrl-C or the time budget ends the run before the next step. */
        private boolean interrupted() {
            if (cancel.isCancelled()) {
                stop = TrainResult.Stop.CANCELLED;
                detail = "stopped by Ctrl-C after step " + state.globalStep();
                if (!stopAnnounced) {
                    stopAnnounced = true;
                    boolean validating = finalPassDue(stop, done, validation != null, lastValStep == state.globalStep());
                    listener.onNotice("Ctrl-C: stopping after step " + state.globalStep()
                            + (validating ? "; validating… (Ctrl-C again skips it)" : ""));
                }
                return true;
            }
            if (seconds(start) >= deadline) {
                stop = TrainResult.Stop.TIME_BUDGET;
                detail = "time budget of " + settings.minutes() + " min reached at step " + state.globalStep();
                return true;
            }
            return false;
        }

        /** Forward, loss, backward, clip and update on one batch; a step that is not finite updates nothing. */
        private StepLoss step(Batches.Batch b) {
            try (NDManager step = model.manager().newSubManager()) {
                step.tempAttachAll(parameters.values().toArray(new NDArray[0]));
                step.tempAttachAll(state.optimizer().stateArrays());
                int n = b.size() * b.length();
                Shape shape = new Shape(b.size(), b.length());
                NDArray x = inputBuffer.longs(step, b.inputs(), shape);
                NDArray y = targetBuffer.longs(step, b.targets(), shape);
                NDArray c = null;
                if (classWeights != null || b.mask() != null) {
                    LanguageModelLoss.coefficients(b.targets(), classWeights, b.mask(), n, coefficients);
                    c = coefficientBuffer.floats(step, coefficients, shape);
                }
                LstmState carried = carries() ? state.carried() : null;
                LstmLanguageModel.Output out;
                double loss;
                try (GradientCollector collector = EngineSupport.engine().newGradientCollector()) {
                    out = model.forward(x, carried, true);
                    NDArray lossArray = LanguageModelLoss.loss(out.logits(), y, c, settings.labelSmoothing());
                    collector.backward(lossArray);
                    loss = lossArray.getFloat();
                }
                Map<String, NDArray> gradients = new LinkedHashMap<>();
                for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                    NDArray g = e.getValue().getGradient();
                    g.attach(step);
                    gradients.put(e.getKey(), g);
                }
                NDArray flat = Optimizer.flatten(gradients);
                double gradNorm = GradientClipping.norm(flat);
                if (Double.isFinite(loss) && Double.isFinite(gradNorm)) {
                    GradientClipping.clip(flat, gradNorm, settings.clip());
                    state.optimizer().update(parameters, flat, lr, settings.momentum(), settings.weightDecay());
                }
                parameters.values().forEach(ops::zeroGradient);
                state.carry(carries() ? out.state() : null);
                return new StepLoss(loss, gradNorm);
            }
        }

        /** Restores the last snapshot after a divergence and says what to change. */
        private void rollBack(String problem) {
            long failedAt = state.globalStep() + 1;
            long undone = state.globalStep() - lastGood.step;
            lastGood.rollback(model);
            // The result's mean loss covers kept steps only.
            for (long i = 0; i < undone && !recentLosses.isEmpty(); i++) {
                recentLosses.remove(recentLosses.size() - 1);
            }
            done = state.globalStep() - startStep;
            stop = TrainResult.Stop.DIVERGED;
            detail = problem + " at step " + failedAt + "; weights, optimizer and data position restored to step "
                    + lastGood.step + "; " + advice(lr, settings);
        }

        /** Counts a sound step and takes a new snapshot every {@link #SNAPSHOT_EVERY} steps. */
        private void keep(Batches.Batch batch, double loss, double stepSeconds) {
            trainSeconds += stepSeconds;
            tokens += batch.tokens();
            done++;
            state.advance();
            smoothed = smoothed(smoothed, loss);
            recentLosses.add(loss);
            if (recentLosses.size() > RECENT_LOSSES) {
                recentLosses.remove(0);
            }
            if (state.globalStep() % SNAPSHOT_EVERY == 0) {
                lastGood.close();
                lastGood = state.new Mark(model);
            }
        }

        /** Validates when due, records the step and reports it; true when patience has run out. */
        private boolean validateAndReport(StepLoss step) {
            double val = Double.NaN;
            boolean epochEnd = state.window() % perEpoch == 0;
            boolean scheduled = validation != null && (state.globalStep() % evalEvery == 0 || epochEnd);
            boolean last = done == totalSteps;
            boolean earlyStop = false;
            boolean measured = false;
            if (scheduled || (last && validation != null)) {
                Double measure = validate();
                measured = measure != null;
                if (measured) {
                    val = measure;
                    if (scheduled) {
                        state.recordValidation(state.globalStep(), val, model, settings.schedule());
                        earlyStop = settings.patience() > 0 && state.evalsSinceBest() >= settings.patience();
                    }
                    listener.onValidation(state.globalStep(), val);
                }
            }
            state.record(new MetricPoint(state.globalStep(), step.loss(), val, lr, step.gradNorm()));
            if (measured && !scheduled) {
                state.recordExtraValidation(state.globalStep(), val, model);
            }
            lastStep = step;
            listener.onStep(progress(step, false));
            return earlyStop;
        }

        /** The validation loss now, or null when a second Ctrl-C skipped the pass. */
        private Double validate() {
            long evalStart = System.nanoTime();
            double val = Evaluator.loss(model, validation, this::abandonValidation);
            if (cancel.isRepeated()) {
                listener.onNotice("validation at step " + state.globalStep() + " skipped by a second Ctrl-C");
                return null;
            }
            evalSeconds += seconds(evalStart);
            evaluations++;
            lastVal = val;
            lastValStep = state.globalStep();
            return val;
        }

        /** Checked between validation batches: says at once that a Ctrl-C was seen; a second one abandons the pass. */
        private boolean abandonValidation() {
            if (cancel.isCancelled() && !stopAnnounced) {
                stopAnnounced = true;
                listener.onNotice("Ctrl-C: stopping after this validation pass (Ctrl-C again skips it)");
            }
            return cancel.isRepeated();
        }

        /** The live line's figures after {@code step}; {@code ended}: the run stopped, nothing is left. */
        private StepProgress progress(StepLoss step, boolean ended) {
            long stepsLeft = totalSteps - done;
            long evals = validation == null ? 0 : evalsLeft(stepsLeft, evalEvery, state.window(), perEpoch);
            double perEval = evaluations == 0 ? 0 : evalSeconds / evaluations;
            double remaining = timeLeft(stepsLeft, trainSeconds / done, evals, perEval,
                    Math.max(0, deadline - seconds(start)));
            return new StepProgress(done, totalSteps, state.globalStep(), step.loss(), smoothed, lastVal,
                    tokens / trainSeconds, step.gradNorm(), lr, seconds(start), ended ? Double.NaN : remaining);
        }

        /** Ends on the best weights when they are in the state, else on the last ones. */
        private void stopEarly() {
            stop = TrainResult.Stop.EARLY_STOPPED;
            boolean restored = state.bestWeights() != null;
            if (restored) {
                model.restoreParameters(state.bestWeights());
            }
            detail = String.format(Locale.ROOT,
                    "early stop at step %d: no better validation loss in %d passes; best weights from step %d"
                            + " (validation %.4f) %s",
                    state.globalStep(), settings.patience(), state.bestValStep(), state.bestValLoss(),
                    restored ? "restored" : "are not in this checkpoint, so the last weights stay");
        }

        /**
         * The validation loss the run ends on, measured now when a stop cut the schedule short
         * (NaN when a second Ctrl-C skipped it); like every pass it counts toward the best.
         */
        private double finalValidation() {
            if (finalPassDue(stop, done, validation != null, lastValStep == state.globalStep())) {
                Double val = validate();
                if (val == null) {
                    return Double.NaN;
                }
                state.recordExtraValidation(state.globalStep(), val, model);
                listener.onValidation(state.globalStep(), val);
                return val;
            }
            return switch (stop) {
                case EARLY_STOPPED -> state.bestValLoss();
                case DIVERGED -> Double.NaN;
                default -> lastVal;
            };
        }

        private TrainResult result(double valLoss) {
            double meanLoss = recentLosses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double throughput = trainSeconds > 0 ? tokens / trainSeconds : 0;
            notices.forEach(listener::onNotice);
            if (!detail.isEmpty()) {
                listener.onNotice(detail);
            }
            state.recordRun(new RunRecord(startStep, state.globalStep(), settings.describe(), stop.label(),
                    seconds(start), throughput, valLoss));
            return new TrainResult(done, meanLoss, recentLosses.size(), valLoss, throughput, seconds(start), stop, detail,
                    state.bestValLoss(), state.bestValStep(), lr, List.copyOf(notices), state.globalStep());
        }
    }
}

package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineOps;
import lstmsh.engine.EngineSupport;
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

    private static final double SMOOTHING = 0.05;
    /** Steps between the copies of the whole state a divergence rolls back to. */
    public static final int SNAPSHOT_EVERY = 25;
    /** As char-rnn: a loss this many times the run's first is divergence, not noise. */
    public static final double EXPLOSION_FACTOR = 3;

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

    /** The engine seed of one step: dropout masks depend on the run's seed and the model's step only. */
    public static int stepSeed(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step).nextInt();
    }

    public TrainResult run() {
        if (corpus != null) {
            String problem = Compatibility.problem(model, "", corpus.tokenizer(), corpus.vocabulary(), corpus.source());
            if (problem != null) {
                throw new LstmshException(problem);
            }
        }
        TrainingData data = givenData != null ? givenData : TrainingData.of(corpus, settings);
        Batches train = data.train();
        Batches validation = data.validation();
        int perEpoch = train.perEpoch();
        List<String> notices = new ArrayList<>();
        long startWindow = state.window();
        if (state.adoptShape(train.shape(), perEpoch)) {
            state.carry(null);
            notices.add("the batch layout changed (now " + train.shape() + "); the data position moved from batch "
                    + startWindow + " to " + state.window() + ", the same point of the epoch, and the carried state was reset");
        }
        if (!settings.carryState() || !train.continuous() || !fits(state.carried())) {
            state.carry(null);
        }
        if (state.optimizer().use(settings.optimizer())) {
            notices.add("the optimizer changed to " + settings.optimizer().label() + "; its state starts from zero");
        }
        state.restoreSeed(settings.seed());
        long totalSteps = settings.steps() > 0
                ? settings.steps()
                : (long) Math.max(1, settings.epochs()) * perEpoch;
        long runEnd = state.globalStep() + totalSteps;
        long evalEvery = settings.evalEvery() > 0
                ? settings.evalEvery()
                : Math.max(50, (totalSteps + 9) / 10);
        double deadline = settings.minutes() > 0 ? settings.minutes() * 60 : Double.POSITIVE_INFINITY;
        float[] classWeights = ClassWeights.of(settings.classWeights(), data.counts());
        Schedule schedule = settings.schedule();

        EngineOps ops = EngineSupport.ops();
        ops.setGradMode(false);
        Map<String, NDArray> parameters = model.parameters();
        state.optimizer().prepare(parameters, settings.momentum());
        float[] coefficients = new float[train.capacity()];

        long start = System.nanoTime();
        double trainSeconds = 0;
        double evalSeconds = 0;
        int evaluations = 0;
        long tokens = 0;
        double smoothed = Double.NaN;
        double firstLoss = Double.NaN;
        double lastVal = Double.NaN;
        long lastValStep = -1;
        double lr = Double.NaN;
        List<Double> recentLosses = new ArrayList<>();
        TrainResult.Stop stop = TrainResult.Stop.COMPLETED;
        String detail = "";
        long done = 0;
        long startStep = state.globalStep();
        TrainingState.Mark lastGood = state.new Mark(model);
        try {
            while (done < totalSteps) {
                if (cancel.isCancelled()) {
                    stop = TrainResult.Stop.CANCELLED;
                    detail = "stopped by Ctrl-C after step " + state.globalStep();
                    break;
                }
                if (seconds(start) >= deadline) {
                    stop = TrainResult.Stop.TIME_BUDGET;
                    detail = "time budget of " + settings.minutes() + " min reached at step " + state.globalStep();
                    break;
                }
                long position = state.window();
                if (position % perEpoch == 0) {
                    state.carry(null); // a new epoch starts from a clean state
                }
                Batches.Batch b = train.get(position, settings.seed());
                lr = schedule.lr(settings.lr(), state.globalStep(), position / perEpoch, runEnd, state.plateauScale());
                EngineSupport.seed(stepSeed(settings.seed(), state.globalStep()));
                long stepStart = System.nanoTime();
                double loss;
                double gradNorm;
                try (NDManager step = model.manager().newSubManager()) {
                    step.tempAttachAll(parameters.values().toArray(new NDArray[0]));
                    step.tempAttachAll(state.optimizer().stateArrays());
                    int n = b.size() * b.length();
                    Shape shape = new Shape(b.size(), b.length());
                    NDArray x = step.create(Evaluator.exact(b.inputs(), n), shape);
                    NDArray y = step.create(Evaluator.exact(b.targets(), n), shape);
                    NDArray c = null;
                    if (classWeights != null || b.mask() != null) {
                        LanguageModelLoss.coefficients(b.targets(), classWeights, b.mask(), n, coefficients);
                        c = step.create(java.util.Arrays.copyOf(coefficients, n), shape);
                    }
                    LstmState carried = settings.carryState() && train.continuous() ? state.carried() : null;
                    LstmLanguageModel.Output out;
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
                    gradNorm = GradientClipping.norm(flat);
                    if (Double.isFinite(loss) && Double.isFinite(gradNorm)) {
                        GradientClipping.clip(flat, gradNorm, settings.clip());
                        state.optimizer().update(parameters, flat, lr, settings.momentum(), settings.weightDecay());
                    }
                    parameters.values().forEach(ops::zeroGradient);
                    state.carry(settings.carryState() && train.continuous() ? out.state() : null);
                }
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss;
                }
                String problem = null;
                if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                    String what = Double.isFinite(loss) ? "the gradient norm" : "the loss";
                    double value = Double.isFinite(loss) ? gradNorm : loss;
                    problem = what + " became " + (Double.isNaN(value) ? "NaN" : "infinite");
                } else if (loss > EXPLOSION_FACTOR * firstLoss) {
                    problem = String.format(Locale.ROOT, "the loss rose to %.4g, over %.0f× its starting %.4g",
                            loss, EXPLOSION_FACTOR, firstLoss);
                }
                if (problem != null) {
                    long failedAt = state.globalStep() + 1;
                    lastGood.rollback(model);
                    done = state.globalStep() - startStep;
                    stop = TrainResult.Stop.DIVERGED;
                    detail = problem + " at step " + failedAt + "; weights, optimizer and data position restored to step "
                            + lastGood.step + "; " + advice(lr);
                    break;
                }
                trainSeconds += seconds(stepStart);
                tokens += b.tokens();
                done++;
                state.advance();
                smoothed = Double.isNaN(smoothed) ? loss : smoothed + SMOOTHING * (loss - smoothed);
                recentLosses.add(loss);
                if (recentLosses.size() > 20) {
                    recentLosses.remove(0);
                }
                if (state.globalStep() % SNAPSHOT_EVERY == 0) {
                    lastGood.close();
                    lastGood = state.new Mark(model);
                }
                double val = Double.NaN;
                boolean epochEnd = state.window() % perEpoch == 0;
                boolean scheduled = validation != null && (state.globalStep() % evalEvery == 0 || epochEnd);
                boolean last = done == totalSteps;
                boolean earlyStop = false;
                if (scheduled || (last && validation != null)) {
                    long evalStart = System.nanoTime();
                    val = Evaluator.loss(model, validation);
                    evalSeconds += seconds(evalStart);
                    evaluations++;
                    lastVal = val;
                    lastValStep = state.globalStep();
                    if (scheduled) {
                        state.recordValidation(state.globalStep(), val, model, schedule);
                        earlyStop = settings.patience() > 0 && state.evalsSinceBest() >= settings.patience();
                    }
                    listener.onValidation(state.globalStep(), val);
                }
                state.record(new MetricPoint(state.globalStep(), loss, val, lr, gradNorm));
                double perStep = trainSeconds / done;
                long remainingSteps = totalSteps - done;
                long remainingEvals = validation == null ? 0
                        : remainingSteps / evalEvery + (state.window() % perEpoch + remainingSteps) / perEpoch + 1;
                double perEval = evaluations == 0 ? 0 : evalSeconds / evaluations;
                double remaining = Math.min(remainingSteps * perStep + remainingEvals * perEval,
                        Math.max(0, deadline - seconds(start)));
                listener.onStep(new StepProgress(done, totalSteps, state.globalStep(), loss, smoothed, lastVal,
                        tokens / trainSeconds, gradNorm, lr, seconds(start), remaining));
                if (earlyStop) {
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
                    break;
                }
            }
        } finally {
            lastGood.close();
        }
        if ((stop == TrainResult.Stop.CANCELLED || stop == TrainResult.Stop.TIME_BUDGET)
                && done > 0 && validation != null && lastValStep != state.globalStep()) {
            lastVal = Evaluator.loss(model, validation);
            listener.onValidation(state.globalStep(), lastVal);
        } else if (stop == TrainResult.Stop.EARLY_STOPPED) {
            lastVal = state.bestValLoss();
        } else if (stop == TrainResult.Stop.DIVERGED) {
            lastVal = Double.NaN;
        }
        double meanLoss = recentLosses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double throughput = trainSeconds > 0 ? tokens / trainSeconds : 0;
        notices.forEach(listener::onNotice);
        if (!detail.isEmpty()) {
            listener.onNotice(detail);
        }
        state.recordRun(new RunRecord(startStep, state.globalStep(), describe(settings), stop.label(), seconds(start),
                throughput, lastVal));
        return new TrainResult(done, meanLoss, lastVal, throughput, seconds(start), stop, detail,
                state.bestValLoss(), state.bestValStep(), lr, List.copyOf(notices));
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

    private String advice(double lr) {
        String lower = String.format(Locale.ROOT, "%.2g", lr / 3);
        StringBuilder s = new StringBuilder("try a lower --lr (this step used " + String.format(Locale.ROOT, "%.3g", lr)
                + "; e.g. " + lower + ")");
        if (settings.clip() == 0) {
            s.append(" and turn clipping on (--clip 5)");
        } else if (settings.clip() > 1) {
            s.append(" or a smaller --clip (now ").append(fmt(settings.clip())).append(')');
        }
        if (settings.schedule().warmup() == 0) {
            s.append(", or a warm-up (--warmup 100)");
        }
        return s.toString();
    }

    /** The settings as options, for the run's record. */
    static String describe(TrainSettings s) {
        StringBuilder b = new StringBuilder();
        b.append(s.steps() > 0 ? "--steps " + s.steps() : "--epochs " + Math.max(1, s.epochs()));
        if (s.minutes() > 0) {
            b.append(" --minutes ").append(fmt(s.minutes()));
        }
        b.append(" --batch ").append(s.batch()).append(" --seq ").append(s.seq());
        b.append(" --optimizer ").append(s.optimizer().label()).append(" --lr ").append(fmt(s.lr()));
        if (s.momentum() > 0) {
            b.append(" --momentum ").append(fmt(s.momentum()));
        }
        if (s.weightDecay() > 0) {
            b.append(" --weight-decay ").append(fmt(s.weightDecay()));
        }
        b.append(' ').append(s.schedule().options());
        b.append(" --clip ").append(fmt(s.clip()));
        if (s.classWeights() != TrainSettings.ClassWeighting.NONE) {
            b.append(" --class-weights ").append(s.classWeights().label());
        }
        if (s.labelSmoothing() > 0) {
            b.append(" --label-smoothing ").append(fmt(s.labelSmoothing()));
        }
        if (!s.carryState()) {
            b.append(" --no-carry-state");
        }
        if (s.patience() > 0) {
            b.append(" --patience ").append(s.patience());
        }
        b.append(" --seed ").append(s.seed());
        return b.toString();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

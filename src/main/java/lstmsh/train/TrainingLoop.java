package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.LstmshException;
import lstmsh.corpus.BatchStream;
import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineOps;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop, written out as nanoGPT's is: batch, forward, loss, backward, clip,
 * update. Every array of a step lives in a manager closed at the end of that step, so long
 * runs keep flat memory.
 */
public final class TrainingLoop {

    private static final double SMOOTHING = 0.05;
    private static final int SNAPSHOT_EVERY = 25;
    /** As char-rnn: a loss this many times the run's first is divergence, not noise. */
    public static final double EXPLOSION_FACTOR = 3;

    private final LstmLanguageModel model;
    private final Corpus corpus;
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
        this.model = model;
        this.corpus = corpus;
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.cancel = cancel;
    }

    public TrainResult run() {
        if (!corpus.vocabulary().equals(model.vocabulary())) {
            throw new LstmshException(
                    "the model was built for another vocabulary ("
                            + model.vocabulary().size()
                            + " tokens; this corpus has "
                            + corpus.vocabulary().size()
                            + "); run 'model new' for this corpus");
        }
        BatchStream stream = new BatchStream(corpus.train(), settings.batch(), settings.seq());
        if (stream.windowsPerEpoch() == 0) {
            throw new LstmshException(
                    "the training part of the corpus has "
                            + corpus.train().size()
                            + " tokens, too few for --batch "
                            + settings.batch()
                            + " × --seq "
                            + settings.seq()
                            + " (needs "
                            + BatchStream.minimumTokens(settings.batch(), settings.seq())
                            + "); lower --batch or --seq");
        }
        long totalSteps =
                settings.steps() > 0
                        ? settings.steps()
                        : (long) Math.max(1, settings.epochs()) * stream.windowsPerEpoch();
        long evalEvery =
                settings.evalEvery() > 0
                        ? settings.evalEvery()
                        : Math.max(50, (totalSteps + 9) / 10);
        boolean canValidate = corpus.validation().size() > settings.seq() + 1;
        double deadline =
                settings.minutes() > 0 ? settings.minutes() * 60 : Double.POSITIVE_INFINITY;

        EngineOps ops = EngineSupport.ops();
        EngineSupport.seed(settings.seed());
        Map<String, NDArray> parameters = model.parameters();
        state.optimizer().prepare(parameters);

        long tokensPerStep = (long) settings.batch() * settings.seq();
        long[] inputs = new long[(int) tokensPerStep];
        long[] targets = new long[(int) tokensPerStep];
        long start = System.nanoTime();
        double trainSeconds = 0;
        double evalSeconds = 0;
        int evaluations = 0;
        double smoothed = Double.NaN;
        double firstLoss = Double.NaN;
        double lastVal = Double.NaN;
        List<Double> recentLosses = new ArrayList<>();
        Map<String, float[]> lastGood = model.snapshot();
        long lastGoodAt = state.globalStep();
        TrainResult.Stop stop = TrainResult.Stop.COMPLETED;
        String detail = "";
        long done = 0;

        try (NDManager carried = model.manager().newSubManager()) {
            LstmState carriedState = null;
            while (done < totalSteps) {
                if (cancel.isCancelled()) {
                    stop = TrainResult.Stop.CANCELLED;
                    detail = "stopped by Ctrl-C after step " + state.globalStep();
                    break;
                }
                if (seconds(start) >= deadline) {
                    stop = TrainResult.Stop.TIME_BUDGET;
                    detail = "time budget of " + settings.minutes() + " min reached";
                    break;
                }
                int w = (int) (state.window() % stream.windowsPerEpoch());
                if (w == 0 && carriedState != null) {
                    carriedState.close();
                    carriedState = null; // a new epoch starts from a clean state
                }
                stream.window(w, inputs, targets);
                long stepStart = System.nanoTime();
                double loss;
                double gradNorm;
                try (NDManager step = model.manager().newSubManager()) {
                    step.tempAttachAll(parameters.values().toArray(new NDArray[0]));
                    step.tempAttachAll(state.optimizer().stateArrays());
                    NDArray x = step.create(inputs, new Shape(settings.batch(), settings.seq()));
                    NDArray y = step.create(targets, new Shape(settings.batch(), settings.seq()));
                    if (carriedState != null) {
                        carriedState.attach(step);
                    }
                    LstmLanguageModel.Output out;
                    try (GradientCollector collector = EngineSupport.engine().newGradientCollector()) {
                        out = model.forward(x, carriedState, true);
                        NDArray lossArray = LanguageModelLoss.crossEntropy(out.logits(), y);
                        collector.backward(lossArray);
                        loss = lossArray.getFloat();
                    }
                    Map<String, NDArray> gradients = new LinkedHashMap<>();
                    NDArray squares = null;
                    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                        NDArray g = e.getValue().getGradient();
                        g.attach(step);
                        gradients.put(e.getKey(), g);
                        NDArray s = g.square().sum();
                        squares = squares == null ? s : squares.addi(s);
                    }
                    gradNorm = Math.sqrt(squares.getFloat());
                    if (Double.isFinite(loss) && Double.isFinite(gradNorm)) {
                        if (settings.clip() > 0 && gradNorm > settings.clip()) {
                            float scale = (float) (settings.clip() / gradNorm);
                            gradients.values().forEach(g -> g.muli(scale));
                        }
                        state.optimizer().update(parameters, gradients, settings.lr());
                    }
                    parameters.values().forEach(ops::zeroGradient);
                    carriedState = out.state().detachInto(carried);
                }
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss;
                }
                String problem = null;
                if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                    problem = (Double.isFinite(loss) ? "gradient norm" : "loss") + " became "
                            + (Double.isNaN(Double.isFinite(loss) ? gradNorm : loss) ? "NaN" : "infinite");
                } else if (loss > EXPLOSION_FACTOR * firstLoss) {
                    problem = String.format("loss rose to %.4g, over %.0f× its starting %.4g",
                            loss, EXPLOSION_FACTOR, firstLoss);
                }
                if (problem != null) {
                    model.restore(lastGood);
                    stop = TrainResult.Stop.DIVERGED;
                    detail = problem + " at step " + (state.globalStep() + 1)
                            + "; weights restored from step " + lastGoodAt
                            + "; try a lower --lr (now " + settings.lr() + ") or a smaller --clip";
                    break;
                }
                trainSeconds += seconds(stepStart);
                done++;
                state.advance();
                smoothed = Double.isNaN(smoothed) ? loss : smoothed + SMOOTHING * (loss - smoothed);
                recentLosses.add(loss);
                if (recentLosses.size() > 20) {
                    recentLosses.remove(0);
                }
                if (state.globalStep() % SNAPSHOT_EVERY == 0) {
                    lastGood = model.snapshot();
                    lastGoodAt = state.globalStep();
                }
                double val = Double.NaN;
                boolean last = done == totalSteps;
                if (canValidate && (done % evalEvery == 0 || last)) {
                    long evalStart = System.nanoTime();
                    val = Evaluator.loss(model, corpus.validation(), settings.batch(), settings.seq());
                    evalSeconds += seconds(evalStart);
                    evaluations++;
                    lastVal = val;
                    state.recordValidation(state.globalStep(), val);
                    listener.onValidation(state.globalStep(), val);
                }
                state.record(
                        new MetricPoint(state.globalStep(), loss, val, settings.lr(), gradNorm));
                double perStep = trainSeconds / done;
                long remainingEvals =
                        canValidate ? (totalSteps / evalEvery) - (done / evalEvery) + 1 : 0;
                if (canValidate && totalSteps % evalEvery == 0) {
                    remainingEvals--;
                }
                double perEval = evaluations == 0 ? 0 : evalSeconds / evaluations;
                double remaining = Math.min(
                        (totalSteps - done) * perStep + Math.max(0, remainingEvals) * perEval,
                        Math.max(0, deadline - seconds(start)));
                listener.onStep(
                        new StepProgress(
                                done,
                                totalSteps,
                                state.globalStep(),
                                loss,
                                smoothed,
                                lastVal,
                                done * tokensPerStep / trainSeconds,
                                gradNorm,
                                settings.lr(),
                                seconds(start),
                                remaining));
            }
            if (carriedState != null) {
                carriedState.close();
            }
        }
        if (stop != TrainResult.Stop.COMPLETED && stop != TrainResult.Stop.DIVERGED
                && done > 0 && canValidate) {
            lastVal = Evaluator.loss(model, corpus.validation(), settings.batch(), settings.seq());
            state.recordValidation(state.globalStep(), lastVal);
            listener.onValidation(state.globalStep(), lastVal);
        }
        double meanLoss = recentLosses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double throughput = trainSeconds > 0 ? done * tokensPerStep / trainSeconds : 0;
        if (!detail.isEmpty()) {
            listener.onNotice(detail);
        }
        return new TrainResult(done, meanLoss, lastVal, throughput, seconds(start), stop, detail);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

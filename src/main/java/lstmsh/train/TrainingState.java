package lstmsh.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about a model's training that outlives one {@code train} command, so that a run
 * split by save and load continues exactly: steps so far, where in the data the next step
 * reads, the optimizer's state, the LSTM state carried between windows, the plateau schedule
 * and early-stopping counters, the best weights, the seed, and the history of metrics.
 */
public final class TrainingState implements AutoCloseable {

    private final Optimizer optimizer;
    private final NDManager manager;
    private final List<MetricPoint> history = new ArrayList<>();
    private final List<RunRecord> runs = new ArrayList<>();
    private long globalStep;
    private long window;
    private String dataShape = "";
    private int perEpoch;
    private double bestValLoss = Double.NaN;
    private long bestValStep = -1;
    private int evalsSinceBest;
    private double plateauScale = 1;
    private int plateauWait;
    private long seed = TrainSettings.DEFAULT_SEED;
    private NDManager carriedScope;
    private LstmState carried;
    private NDManager bestScope;
    private Map<String, NDArray> bestWeights;
    private boolean unsaved;

    public TrainingState(NDManager modelManager) {
        this.optimizer = new Optimizer(modelManager);
        this.manager = modelManager.newSubManager();
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public long globalStep() {
        return globalStep;
    }

    /** Batches of the training data read so far; the next step reads the one after. */
    public long window() {
        return window;
    }

    /** The batch layout {@link #window()} counts in, e.g. {@code stream 64x100}; empty before any run. */
    public String dataShape() {
        return dataShape;
    }

    /** Batches per epoch of that layout. */
    public int perEpoch() {
        return perEpoch;
    }

    void advance() {
        globalStep++;
        window++;
        unsaved = true;
    }

    public void restorePosition(long step, long windowPosition) {
        globalStep = step;
        window = windowPosition;
    }

    /** The layout a position counts in; a new layout converts the position to the same share of its epoch. */
    public void restoreDataShape(String shape, int batchesPerEpoch) {
        dataShape = shape == null ? "" : shape;
        perEpoch = batchesPerEpoch;
    }

    /**
     * Adopts a run's batch layout. Returns true when it differs from the one the position
     * counted in; the position then moves to the same point of the same epoch.
     */
    boolean adoptShape(String shape, int batchesPerEpoch) {
        boolean changed = !dataShape.isEmpty() && !dataShape.equals(shape);
        if (changed && perEpoch > 0) {
            long epochs = window / perEpoch;
            double within = (double) (window % perEpoch) / perEpoch;
            window = epochs * batchesPerEpoch + (long) Math.floor(within * batchesPerEpoch);
        }
        dataShape = shape;
        perEpoch = batchesPerEpoch;
        return changed;
    }

    public long seed() {
        return seed;
    }

    public void restoreSeed(long value) {
        seed = value;
    }

    void record(MetricPoint point) {
        history.add(point);
    }

    void recordRun(RunRecord run) {
        runs.add(run);
    }

    /**
     * A scheduled validation result: updates the best, the early-stopping count and the plateau
     * schedule. Returns true when it is a new best.
     */
    boolean recordValidation(long step, double valLoss, LstmLanguageModel model, Schedule schedule) {
        boolean improved = keepIfBest(step, valLoss, model);
        if (improved) {
            evalsSinceBest = 0;
            plateauWait = 0;
        } else {
            evalsSinceBest++;
            if (schedule.kind() == Schedule.Kind.PLATEAU && ++plateauWait > schedule.plateauPatience()) {
                plateauScale *= schedule.plateauFactor();
                plateauWait = 0;
            }
        }
        return improved;
    }

    /**
     * A validation out of schedule, at a run's end or after a stop: it counts toward the best
     * (value, step and weights) and goes into the step's row of the history, but not toward
     * patience or the plateau schedule, which count scheduled passes only, so that a run split by
     * save and load stops and decays where an unbroken one does.
     */
    void recordExtraValidation(long step, double valLoss, LstmLanguageModel model) {
        keepIfBest(step, valLoss, model);
        int last = history.size() - 1;
        if (last >= 0 && history.get(last).step() == step) {
            MetricPoint p = history.get(last);
            history.set(last, new MetricPoint(p.step(), p.loss(), valLoss, p.lr(), p.gradNorm()));
        }
    }

    private boolean keepIfBest(long step, double valLoss, LstmLanguageModel model) {
        if (!Double.isFinite(valLoss) || (!Double.isNaN(bestValLoss) && valLoss >= bestValLoss)) {
            return false;
        }
        bestValLoss = valLoss;
        bestValStep = step;
        keepBest(model);
        return true;
    }

    private void keepBest(LstmLanguageModel model) {
        if (bestScope != null) {
            bestScope.close();
        }
        bestScope = manager.newSubManager();
        bestWeights = model.copyParameters(bestScope);
    }

    public List<MetricPoint> history() {
        return Collections.unmodifiableList(history);
    }

    public List<RunRecord> runs() {
        return Collections.unmodifiableList(runs);
    }

    public void restoreHistory(List<MetricPoint> points, double best, long bestStep) {
        history.clear();
        history.addAll(points);
        bestValLoss = best;
        bestValStep = bestStep;
    }

    public void restoreRuns(List<RunRecord> records) {
        runs.clear();
        runs.addAll(records);
    }

    public double bestValLoss() {
        return bestValLoss;
    }

    public long bestValStep() {
        return bestValStep;
    }

    /** Scheduled validation passes since the best one. */
    public int evalsSinceBest() {
        return evalsSinceBest;
    }

    /** The product of the plateau schedule's cuts so far. */
    public double plateauScale() {
        return plateauScale;
    }

    /** Validation passes without improvement since the last plateau cut. */
    public int plateauWait() {
        return plateauWait;
    }

    public void restoreCounters(int sinceBest, double scale, int wait) {
        evalsSinceBest = sinceBest;
        plateauScale = scale;
        plateauWait = wait;
    }

    /** The weights of the best validation so far (held in the engine), or null. */
    public Map<String, NDArray> bestWeights() {
        return bestWeights == null ? null : Collections.unmodifiableMap(bestWeights);
    }

    public void restoreBestWeights(Map<String, float[]> values, Map<String, ai.djl.ndarray.types.Shape> shapes) {
        if (bestScope != null) {
            bestScope.close();
        }
        bestScope = manager.newSubManager();
        bestWeights = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> bestWeights.put(name, bestScope.create(values.get(name), shape)));
    }

    /** The LSTM state the next window continues from, or null to start from zeros. */
    public LstmState carried() {
        return carried;
    }

    /** Replaces the carried state with a copy cut from the graph (null clears it). */
    void carry(LstmState state) {
        NDManager next = null;
        LstmState copy = null;
        if (state != null) {
            next = manager.newSubManager();
            copy = state.detachInto(next);
        }
        if (carriedScope != null) {
            carriedScope.close();
        }
        carriedScope = next;
        carried = copy;
    }

    /** Sets the carried state from saved values (h then c of each layer, each (1, batch, hidden)). */
    public void restoreCarried(List<float[]> h, List<float[]> c, int batch, List<Integer> hidden) {
        carry(null);
        if (h == null) {
            return;
        }
        carriedScope = manager.newSubManager();
        List<NDArray> hs = new ArrayList<>();
        List<NDArray> cs = new ArrayList<>();
        for (int l = 0; l < hidden.size(); l++) {
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(1, batch, hidden.get(l));
            hs.add(carriedScope.create(h.get(l), shape));
            cs.add(carriedScope.create(c.get(l), shape));
        }
        carried = new LstmState(hs, cs);
    }

    /** For a copy of a model whose training had not been saved yet. */
    public void markUnsaved() {
        unsaved = true;
    }

    /** True when the model trained since it was last saved or loaded. */
    public boolean unsaved() {
        return unsaved;
    }

    public void markSaved() {
        unsaved = false;
    }

    /**
     * What a rollback restores, copied in the engine: weights, optimizer, carried state, position
     * and history. Validation results (best, counters) stay: they were measured on sound weights.
     */
    final class Mark implements AutoCloseable {
        private final NDManager scope = manager.newSubManager();
        final long step = globalStep;
        private final long markWindow = window;
        private final Map<String, NDArray> parameters;
        private final Optimizer.Copy optimizerCopy;
        private final LstmState carriedCopy;
        private final int historySize = history.size();

        Mark(LstmLanguageModel model) {
            parameters = model.copyParameters(scope);
            optimizerCopy = optimizer.copy(scope);
            carriedCopy = carried == null ? null : carried.detachInto(scope);
        }

        void rollback(LstmLanguageModel model) {
            model.restoreParameters(parameters);
            optimizer.restore(optimizerCopy);
            carry(carriedCopy);
            globalStep = step;
            window = markWindow;
            history.subList(historySize, history.size()).clear();
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}

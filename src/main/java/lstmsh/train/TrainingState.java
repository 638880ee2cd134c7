package lstmsh.train;

import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything about a model's training that outlives one {@code train} command: steps so far,
 * where in the data the next step reads, the optimizer's moments and the history of metrics.
 */
public final class TrainingState implements AutoCloseable {

    private final AdamOptimizer optimizer;
    private final List<MetricPoint> history = new ArrayList<>();
    private long globalStep;
    private long window;
    private double bestValLoss = Double.NaN;
    private long bestValStep = -1;
    private boolean unsaved;

    public TrainingState(NDManager modelManager) {
        this.optimizer = new AdamOptimizer(modelManager);
    }

    public AdamOptimizer optimizer() {
        return optimizer;
    }

    public long globalStep() {
        return globalStep;
    }

    /** Windows of the data stream consumed so far; the next step reads the one after. */
    public long window() {
        return window;
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

    void record(MetricPoint point) {
        history.add(point);
    }

    void recordValidation(long step, double valLoss) {
        if (Double.isNaN(bestValLoss) || valLoss < bestValLoss) {
            bestValLoss = valLoss;
            bestValStep = step;
        }
    }

    public List<MetricPoint> history() {
        return Collections.unmodifiableList(history);
    }

    public void restoreHistory(List<MetricPoint> points, double best, long bestStep) {
        history.clear();
        history.addAll(points);
        bestValLoss = best;
        bestValStep = bestStep;
    }

    public double bestValLoss() {
        return bestValLoss;
    }

    public long bestValStep() {
        return bestValStep;
    }

    /** True when the model trained since it was last saved or loaded. */
    public boolean unsaved() {
        return unsaved;
    }

    public void markSaved() {
        unsaved = false;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}

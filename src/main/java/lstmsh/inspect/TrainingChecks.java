package lstmsh.inspect;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.train.MetricPoint;

import java.util.ArrayList;
import java.util.List;

/** Findings read off a model's training history. Losses are nats per token. */
public final class TrainingChecks {

    /** A step whose loss exceeds the median of the steps before it by this factor is a spike. */
    public static final double SPIKE_FACTOR = 1.5;
    /** Spikes needed before LR_TOO_HIGH is raised. */
    public static final int SPIKES_FOR_WARNING = 3;
    /** A late loss this much above the run's best smoothed loss is a rising trend. */
    public static final double RISE_FACTOR = 1.2;
    /** NOT_CONVERGED while the recent loss is above this share of the unigram entropy. */
    public static final double CONVERGED_SHARE = 0.9;
    /** OVERFITTING when the latest validation loss exceeds the best by this factor... */
    public static final double OVERFIT_FACTOR = 1.05;

    private static final int WINDOW = 20;

    private TrainingChecks() {}

    public static List<Finding> check(List<MetricPoint> history, double unigramEntropyNats) {
        List<Finding> out = new ArrayList<>();
        if (history.isEmpty()) {
            out.add(Finding.info(FindingCode.NOT_CONVERGED, "the model has not been trained yet",
                    "train --steps 500"));
            return out;
        }
        learningRate(history, out);
        convergence(history, unigramEntropyNats, out);
        overfitting(history, out);
        return out;
    }

    private static void learningRate(List<MetricPoint> history, List<Finding> out) {
        int spikes = 0;
        long firstSpike = -1;
        for (int i = WINDOW; i < history.size(); i++) {
            double median = median(history.subList(i - WINDOW, i));
            if (history.get(i).loss() > SPIKE_FACTOR * median) {
                spikes++;
                if (firstSpike < 0) {
                    firstSpike = history.get(i).step();
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = WINDOW; i <= history.size(); i++) {
            best = Math.min(best, mean(history.subList(i - WINDOW, i)));
        }
        double recent = history.size() >= WINDOW ? mean(history.subList(history.size() - WINDOW, history.size())) : Double.NaN;
        boolean rising = Double.isFinite(best) && recent > RISE_FACTOR * best;
        double lr = history.get(history.size() - 1).lr();
        if (spikes >= SPIKES_FOR_WARNING || rising) {
            String evidence = spikes >= SPIKES_FOR_WARNING
                    ? String.format("%d loss spikes above %.1f× the running median, the first at step %d", spikes,
                            SPIKE_FACTOR, firstSpike)
                    : String.format("the loss rose to %.3f from a best of %.3f (over %.0f%%)", recent, best,
                            100 * (RISE_FACTOR - 1));
            out.add(Finding.warning(FindingCode.LR_TOO_HIGH, evidence + String.format(" at learning rate %.3g", lr),
                    String.format("train --lr %.2g", lr / 4)));
        }
    }

    private static void convergence(List<MetricPoint> history, double unigram, List<Finding> out) {
        int n = Math.min(WINDOW, history.size());
        double recent = mean(history.subList(history.size() - n, history.size()));
        if (Double.isFinite(unigram) && recent > CONVERGED_SHARE * unigram) {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED,
                    String.format("recent training loss %.3f nats/token is still %.0f%% of the unigram entropy %.3f"
                            + " after %d steps: the model predicts little beyond token frequencies",
                            recent, 100 * recent / unigram, unigram, history.get(history.size() - 1).step()),
                    "train --steps " + Math.max(500, 2 * history.size())));
        }
    }

    private static void overfitting(List<MetricPoint> history, List<Finding> out) {
        MetricPoint best = null;
        MetricPoint latest = null;
        for (MetricPoint p : history) {
            if (Double.isFinite(p.valLoss())) {
                if (best == null || p.valLoss() < best.valLoss()) {
                    best = p;
                }
                latest = p;
            }
        }
        if (best == null || latest == best || latest.valLoss() <= OVERFIT_FACTOR * best.valLoss()) {
            return;
        }
        double trainAtBest = trainingLossNear(history, best.step());
        double trainLatest = trainingLossNear(history, latest.step());
        if (trainLatest < trainAtBest) {
            out.add(Finding.warning(FindingCode.OVERFITTING,
                    String.format("validation loss rose from %.3f (step %d) to %.3f (step %d) while training loss fell"
                            + " from %.3f to %.3f", best.valLoss(), best.step(), latest.valLoss(), latest.step(),
                            trainAtBest, trainLatest),
                    "model new --dropout 0.3, then train with --patience 3 (or train on more text)"));
        }
    }

    private static double trainingLossNear(List<MetricPoint> history, long step) {
        int index = 0;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).step() <= step) {
                index = i;
            }
        }
        int from = Math.max(0, index - WINDOW + 1);
        return mean(history.subList(from, index + 1));
    }

    private static double mean(List<MetricPoint> points) {
        return points.stream().mapToDouble(MetricPoint::loss).average().orElse(Double.NaN);
    }

    private static double median(List<MetricPoint> points) {
        double[] v = points.stream().mapToDouble(MetricPoint::loss).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}

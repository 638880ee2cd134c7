package lstmsh.inspect;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.train.MetricPoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Findings read off a model's training history, judged against what counts alone achieve. Losses
 * are nats per token; the model's is its latest validation loss, or its recent training loss
 * before any validation. WORSE_THAN_UNIGRAM (a problem) when it is above the unigram's;
 * NOT_CONVERGED when, after {@link #FAIR_STEPS} steps, it is no better than the n-gram baseline,
 * or while the recent training loss is above {@link #CONVERGED_SHARE} of the unigram's.
 */
public final class TrainingChecks {

    /** A step whose loss exceeds the median of the steps before it by this factor is a spike. */
    public static final double SPIKE_FACTOR = 1.5;
    /** Spikes needed before LR_TOO_HIGH is raised. */
    public static final int SPIKES_FOR_WARNING = 3;
    /** A late loss this much above the run's best smoothed loss is a rising trend. */
    public static final double RISE_FACTOR = 1.2;
    /** NOT_CONVERGED while the recent loss is above this share of the unigram's. */
    public static final double CONVERGED_SHARE = 0.9;
    /** Steps after which a model no better than the n-gram baseline is NOT_CONVERGED. */
    public static final int FAIR_STEPS = 2000;
    /** A model worse than the unigram with a learning rate above this is told to lower it... */
    public static final double HIGH_LR = 0.05;
    /** ...and below this to raise it. */
    public static final double LOW_LR = 1e-4;
    /** OVERFITTING when the latest validation loss exceeds the best by this factor... */
    public static final double OVERFIT_FACTOR = 1.05;

    private static final int WINDOW = 20;

    private TrainingChecks() {}

    /**
     * What a model's loss is judged against, nats per token; NaN where unknown.
     *
     * @param unigram the loss of token frequencies alone
     * @param ngram the n-gram baseline's validation loss, of order {@code ngramOrder}
     */
    public record References(double unigram, double ngram, int ngramOrder) {

        public static final References NONE = new References(Double.NaN, Double.NaN, 0);
    }

    public static List<Finding> check(List<MetricPoint> history, References references) {
        List<Finding> out = new ArrayList<>();
        if (history.isEmpty()) {
            out.add(Finding.info(FindingCode.NOT_CONVERGED, "the model has not been trained yet",
                    "train --steps 500"));
            return out;
        }
        learningRate(history, out);
        convergence(history, references, out);
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

    private static void convergence(List<MetricPoint> history, References references, List<Finding> out) {
        long steps = history.get(history.size() - 1).step();
        double lr = history.get(history.size() - 1).lr();
        int n = Math.min(WINDOW, history.size());
        double recent = mean(history.subList(history.size() - n, history.size()));
        double validation = latestValidation(history);
        double loss = Double.isNaN(validation) ? recent : validation;
        String what = Double.isNaN(validation) ? "recent training loss" : "validation loss";
        double unigram = references.unigram();
        if (Double.isFinite(unigram) && loss > unigram) {
            out.add(Finding.problem(FindingCode.WORSE_THAN_UNIGRAM,
                    String.format(Locale.ROOT, "%s %.3f nats/token is worse than the unigram's %.3f (token frequencies"
                                    + " alone) after %d steps: the model has not learned even how often each token occurs;"
                                    + " it is undertrained, its weights were initialised too small, or its learning rate"
                                    + " (%.3g) is far too low or too high", what, loss, unigram, steps, lr),
                    lr > HIGH_LR ? "train --lr " + twoDigits(lr / 10)
                            : lr < LOW_LR ? "train --lr 0.002" : "train --steps " + Math.max(500, 2 * steps)));
            return;
        }
        double ngram = references.ngram();
        if (Double.isFinite(ngram) && steps >= FAIR_STEPS && loss >= ngram) {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED,
                    String.format(Locale.ROOT, "%s %.3f nats/token is no better than the n-gram baseline's %.3f"
                                    + " (Kneser-Ney, order %d) after %d steps: %.3f nats behind a model of counts",
                            what, loss, ngram, references.ngramOrder(), steps, loss - ngram),
                    "train --steps " + 2 * steps + ", or model new --hidden 512 for a larger model"));
            return;
        }
        if (Double.isFinite(unigram) && recent > CONVERGED_SHARE * unigram) {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED,
                    String.format(Locale.ROOT, "recent training loss %.3f nats/token is still %.0f%% of the unigram's %.3f"
                            + " after %d steps: the model predicts little beyond token frequencies",
                            recent, 100 * recent / unigram, unigram, steps),
                    "train --steps " + Math.max(500, 2 * history.size())));
        }
    }

    private static String twoDigits(double v) {
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static double latestValidation(List<MetricPoint> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (Double.isFinite(history.get(i).valLoss())) {
                return history.get(i).valLoss();
            }
        }
        return Double.NaN;
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

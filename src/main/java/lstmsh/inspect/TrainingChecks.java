package lstmsh.inspect;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.ModelSettings;
import lstmsh.train.MetricPoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Findings read off a model's training history, judged against what counts alone achieve and
 * against the run's own noise. Losses are nats per token; the model's is its latest validation
 * loss, or its recent training loss before any validation.
 * <ul>
 *   <li>WORSE_THAN_UNIGRAM (a problem) when it is above the unigram's.
 *   <li>NOT_CONVERGED (a warning) when it is no better than the n-gram baseline after a fair amount
 *       of training: a whole pass over the training text, or a training loss that has flattened
 *       (its last quarter improved on the quarter before by under {@link #FLAT_SHARE}); before
 *       that, only info.
 *   <li>LR_TOO_HIGH when the smoothed loss rose {@link #RISE_FACTOR} above its best (unless a
 *       validation pass during the rise is still near the best), or when at least
 *       {@link #SPIKES_FOR_WARNING} spikes came with a run that stopped improving.
 *   <li>OVERFITTING when the validation loss rose above its best by more than
 *       {@link #NOISE_MULTIPLE} times its own step-to-step noise while the training loss fell.
 * </ul>
 */
public final class TrainingChecks {

    /** A step whose loss exceeds the median of the steps before it by this factor is a spike. */
    public static final double SPIKE_FACTOR = 1.5;
    /** Spikes needed before LR_TOO_HIGH is raised. */
    public static final int SPIKES_FOR_WARNING = 3;
    /** A late loss this much above the run's best smoothed loss is a rising trend. */
    public static final double RISE_FACTOR = 1.2;
    /** Without an n-gram baseline, NOT_CONVERGED while the recent loss is above this share of the unigram's. */
    public static final double CONVERGED_SHARE = 0.9;
    /** The training loss has flattened when its last quarter improved on the one before by less than this share. */
    public static final double FLAT_SHARE = 0.01;
    /** A model worse than the unigram with a learning rate above this is told to lower it... */
    public static final double HIGH_LR = 0.05;
    /** ...and below this to raise it. */
    public static final double LOW_LR = 1e-4;
    /** OVERFITTING (and a run no longer improving) when validation rose this many times its noise above its best. */
    public static final double NOISE_MULTIPLE = 3;

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

    /**
     * The run being judged: the model's settings (so a fix keeps them) and how many steps make one
     * pass over the training text (0 when unknown).
     */
    public record Run(ModelSettings settings, int stepsPerEpoch) {}

    /**
     * The findings of a training history. Without one, {@code measured} (the model's loss on the
     * validation split, NaN when unknown) tells an untrained model (uniform guessing, ln of the
     * vocabulary) from one trained elsewhere and imported, which is judged like a finished run.
     */
    public static List<Finding> check(List<MetricPoint> history, References references, Run run, double measured,
            int vocabulary) {
        List<Finding> out = new ArrayList<>();
        if (history.isEmpty()) {
            withoutHistory(measured, vocabulary, references, out);
            return out;
        }
        learningRate(history, out);
        convergence(history, references, run, out);
        overfitting(history, run.settings(), out);
        return out;
    }

    /** A loss this share of ln(vocabulary) or more is an untrained model's uniform guessing. */
    public static final double UNTRAINED_SHARE = 0.95;

    private static void withoutHistory(double measured, int vocabulary, References references, List<Finding> out) {
        double uniform = Math.log(vocabulary);
        if (Double.isNaN(measured) || measured >= UNTRAINED_SHARE * uniform) {
            String loss = Double.isNaN(measured) ? ""
                    : String.format(Locale.ROOT, ": its validation loss %.3f nats/token is uniform guessing's (ln %d = %.3f)",
                            measured, vocabulary, uniform);
            out.add(Finding.info(FindingCode.NOT_CONVERGED, "the model has not been trained yet" + loss,
                    "train --steps 500"));
            return;
        }
        String here = String.format(Locale.ROOT, "the model has no training history here (it was trained elsewhere and"
                + " imported); its validation loss on this corpus is %.3f nats/token", measured);
        if (Double.isFinite(references.unigram()) && measured > references.unigram()) {
            out.add(Finding.problem(FindingCode.WORSE_THAN_UNIGRAM, String.format(Locale.ROOT, "%s, worse than the"
                    + " unigram's %.3f (token frequencies alone): it has not learned even how often each token occurs in"
                    + " this text", here, references.unigram()), "train --steps 500"));
        } else if (Double.isFinite(references.ngram()) && measured >= references.ngram()) {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED, String.format(Locale.ROOT, "%s, no better than the n-gram"
                    + " baseline's %.3f (Kneser-Ney, order %d): %.3f nats behind a model of counts", here,
                    references.ngram(), references.ngramOrder(), measured - references.ngram()), "train --steps 500"));
        }
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
        // Spikes in a run whose loss still reaches new bests are batches of unusual text, not a rate to
        // lower; so is a stretch of training loss above its best while a validation pass within that
        // stretch is still near the best (a corpus mixing easy and hard parts).
        boolean improving = improving(history, recent, best);
        boolean validatedLately = history.subList(Math.max(0, history.size() - WINDOW), history.size()).stream()
                .anyMatch(p -> Double.isFinite(p.valLoss()));
        boolean rising = Double.isFinite(best) && recent > RISE_FACTOR * best && !(validatedLately && improving);
        boolean spiky = spikes >= SPIKES_FOR_WARNING && !improving;
        double lr = history.get(history.size() - 1).lr();
        if (spiky || rising) {
            String evidence = rising
                    ? String.format(Locale.ROOT, "the loss rose to %.3f from a best of %.3f (over %.0f%%)", recent, best,
                            100 * (RISE_FACTOR - 1))
                    : String.format(Locale.ROOT, "%d loss spikes above %.1f× the running median, the first at step %d,"
                            + " and the loss no longer improves", spikes, SPIKE_FACTOR, firstSpike);
            out.add(Finding.warning(FindingCode.LR_TOO_HIGH, evidence + String.format(Locale.ROOT, " at learning rate %.3g", lr),
                    "train --lr " + twoDigits(lr / 4)));
        }
    }

    /** Whether the run still improves: its latest validation within noise of its best, or (without validation) its recent loss at its best. */
    private static boolean improving(List<MetricPoint> history, double recent, double best) {
        double[] val = validations(history);
        if (val.length >= 3) {
            double min = Arrays.stream(val).min().orElseThrow();
            return val[val.length - 1] <= min + NOISE_MULTIPLE * noise(val);
        }
        return recent <= best * (1 + FLAT_SHARE);
    }

    private static void convergence(List<MetricPoint> history, References references, Run run, List<Finding> out) {
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
        if (Double.isFinite(ngram)) {
            if (loss >= ngram) {
                behindBaseline(history, references, run, what, loss, out);
            }
            return;
        }
        if (Double.isFinite(unigram) && recent > CONVERGED_SHARE * unigram) {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED,
                    String.format(Locale.ROOT, "recent training loss %.3f nats/token is still %.0f%% of the unigram's %.3f"
                            + " after %d steps: the model predicts little beyond token frequencies",
                            recent, 100 * recent / unigram, unigram, steps),
                    "train --steps " + Math.max(500, 2 * steps)));
        }
    }

    /** NOT_CONVERGED for a model no better than the n-gram baseline: a warning once training was fair, info before. */
    private static void behindBaseline(List<MetricPoint> history, References references, Run run, String what,
            double loss, List<Finding> out) {
        long steps = history.get(history.size() - 1).step();
        double epochs = run.stepsPerEpoch() > 0 ? (double) steps / run.stepsPerEpoch() : Double.NaN;
        double improvement = lastQuarterImprovement(history);
        boolean flat = improvement < FLAT_SHARE;
        boolean fair = flat || epochs >= 1;
        String passes = Double.isNaN(epochs) ? "passes over the text unknown"
                : String.format(Locale.ROOT, "%.2f passes over the training text", epochs);
        String trend = Double.isInfinite(improvement)
                ? "too few to tell whether the training loss has flattened"
                : String.format(Locale.ROOT, "the training loss improved %.1f%% over the last quarter of them (flat"
                        + " below %.0f%%)", 100 * improvement, 100 * FLAT_SHARE);
        String progress = String.format(Locale.ROOT, "after %d steps (%s); %s", steps, passes, trend);
        String evidence = String.format(Locale.ROOT, "%s %.3f nats/token is no better than the n-gram baseline's %.3f"
                + " (Kneser-Ney, order %d): %.3f nats behind a model of counts %s", what, loss, references.ngram(),
                references.ngramOrder(), loss - references.ngram(), progress);
        String more = "train --steps " + Math.max(500, 2 * steps);
        if (!fair) {
            out.add(Finding.info(FindingCode.NOT_CONVERGED, evidence + ": still learning, not yet a fair comparison", more));
        } else if (flat) {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED, evidence + ": the model has stopped improving below what"
                    + " counts achieve, so it needs more capacity", ModelNewLine.wider(run.settings())));
        } else {
            out.add(Finding.warning(FindingCode.NOT_CONVERGED, evidence + ": still behind after a full pass, though"
                    + " still improving, so more training may close the gap", more));
        }
    }

    /**
     * How much the mean training loss of the last quarter of the history is below the quarter before,
     * as a share; infinite when a quarter is shorter than the smoothing window (too early to tell).
     */
    static double lastQuarterImprovement(List<MetricPoint> history) {
        int quarter = history.size() / 4;
        if (quarter < WINDOW) {
            return Double.POSITIVE_INFINITY;
        }
        double before = mean(history.subList(history.size() - 2 * quarter, history.size() - quarter));
        double last = mean(history.subList(history.size() - quarter, history.size()));
        return (before - last) / before;
    }

    static String twoDigits(double v) {
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

    private static double[] validations(List<MetricPoint> history) {
        return history.stream().mapToDouble(MetricPoint::valLoss).filter(Double::isFinite).toArray();
    }

    /** The validation loss' step-to-step noise: the median absolute change between successive evaluations. */
    static double noise(double[] val) {
        double[] changes = new double[val.length - 1];
        for (int i = 1; i < val.length; i++) {
            changes[i - 1] = Math.abs(val[i] - val[i - 1]);
        }
        Arrays.sort(changes);
        return changes.length == 0 ? 0 : changes[changes.length / 2];
    }

    private static void overfitting(List<MetricPoint> history, ModelSettings settings, List<Finding> out) {
        double[] val = validations(history);
        if (val.length < 3) {
            return;
        }
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
        double noise = noise(val);
        double rise = latest.valLoss() - best.valLoss();
        if (latest == best || rise <= NOISE_MULTIPLE * noise) {
            return;
        }
        double trainAtBest = trainingLossNear(history, best.step());
        double trainLatest = trainingLossNear(history, latest.step());
        if (trainLatest < trainAtBest) {
            String fix = settings.outputDropout() < 0.3f
                    ? ModelNewLine.of(settings, Map.of("--output-dropout", "0.3"))
                    : "train --patience 3";
            out.add(Finding.warning(FindingCode.OVERFITTING,
                    String.format(Locale.ROOT, "validation loss rose from %.3f (step %d) to %.3f (step %d), %.3f, over %.0f×"
                            + " its step-to-step noise of %.4f, while training loss fell from %.3f to %.3f",
                            best.valLoss(), best.step(), latest.valLoss(), latest.step(), rise, NOISE_MULTIPLE, noise,
                            trainAtBest, trainLatest),
                    fix));
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

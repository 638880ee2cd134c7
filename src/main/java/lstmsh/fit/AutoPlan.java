package lstmsh.fit;

import lstmsh.train.Evaluator;
import lstmsh.train.TrainSettings;
import lstmsh.util.Format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a model and its training for a corpus, a machine and a time budget. A pure function:
 * the corpus is a {@link CorpusProfile}, the machine a {@link MachineSpeed}, so it is tested on
 * made-up ones. The rules: the budget buys a number of training tokens for each candidate shape;
 * the largest shape that still sees {@link #TOKENS_PER_PARAMETER} tokens per parameter and has no
 * more than {@link #PARAMETERS_PER_TOKEN} parameters per training token wins; dropout grows with
 * how often the model will see each token relative to what it can memorise; the peak rate falls
 * with width; warm-up and eval points are shares of the planned steps.
 */
public final class AutoPlan {

    /** Shapes in the order of their size: more layers only once a layer is wide. */
    static final List<int[]> LADDER = List.of(new int[] {1, 64}, new int[] {2, 64}, new int[] {1, 128}, new int[] {2, 128}, new int[] {2, 192},
            new int[] {2, 256}, new int[] {2, 384}, new int[] {2, 512}, new int[] {3, 512}, new int[] {2, 768},
            new int[] {3, 768});
    static final int[] HIDDEN_SIZES = {64, 128, 192, 256, 384, 512, 768};
    /** Below this a model is under-trained in the budget: a smaller one gets further. */
    static final double TOKENS_PER_PARAMETER = 10;
    /** Above this a model can memorise the training split: a smaller one generalises better. */
    static final double PARAMETERS_PER_TOKEN = 2;
    /** Share of the budget validation passes may take. */
    static final double EVAL_SHARE = 0.08;
    static final int MIN_EVALS = 4;
    static final int MAX_EVALS = 20;
    /** Validation is a forward pass only: about a third of a training step per token. */
    static final double EVAL_COST = 1 / 3.0;
    static final double WARMUP_SHARE = 0.03;
    static final int MIN_WARMUP = 10;
    /** Steps a budget should give at least before a smaller batch buys more updates. */
    static final long ENOUGH_STEPS = 2000;

    private AutoPlan() {}

    /** Options the user gave; null where not given. */
    public record Overrides(Integer embed, Integer hidden, Integer layers, Float dropout, Integer batch, Integer seq,
            Double lr, TrainSettings.OptimizerKind optimizer, Long warmup, Integer evalEvery, Integer patience) {

        public Overrides {
            positive("--embed", embed);
            positive("--hidden", hidden);
            positive("--layers", layers);
            positive("--batch", batch);
            positive("--seq", seq);
            if (lr != null && !(lr > 0 && lr < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("--lr must be more than 0, got " + lr);
            }
            if (dropout != null && !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
            }
            if (warmup != null && warmup < 0) {
                throw new IllegalArgumentException("--warmup must not be negative, got " + warmup);
            }
            if (evalEvery != null && evalEvery < 0) {
                throw new IllegalArgumentException("--eval-every must not be negative, got " + evalEvery);
            }
            if (patience != null && patience < 0) {
                throw new IllegalArgumentException("--patience must not be negative, got " + patience);
            }
        }

        private static void positive(String option, Integer value) {
            if (value != null && value < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + value);
            }
        }

        public static Overrides none() {
            return new Overrides(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** One decision: its name, its value as the option spells it, and why (or "(given)"). */
    public record Choice(String name, String value, String reason, boolean given) {}

    /**
     * The plan.
     *
     * @param plannedSteps steps the budget is expected to allow at the estimated speed
     * @param tokensPerSecond estimated training speed of the shape
     * @param passes expected passes over the training split
     */
    public record Plan(ModelShape shape, long parameters, float dropout, int batch, int seq, double lr,
            TrainSettings.OptimizerKind optimizer, long warmup, long plannedSteps, int evalEvery, int patience,
            double minutes, double tokensPerSecond, double passes, List<Choice> choices) {}

    public static Plan choose(CorpusProfile corpus, MachineSpeed speed, double minutes, Overrides given) {
        if (!(minutes > 0) || Double.isInfinite(minutes)) {
            throw new IllegalArgumentException("--minutes must be more than 0, got " + minutes);
        }
        double seconds = minutes * 60;
        int vocab = corpus.vocabulary();
        int seq = given.seq() != null ? given.seq() : corpus.wordLevel() ? 35 : 100;
        List<Choice> choices = new ArrayList<>();

        // The shape: the largest candidate the budget trains well and the data cannot memorise.
        List<ModelShape> candidates = candidates(corpus, given);
        double trainingShare = 1 - EVAL_SHARE;
        long byData = (long) (PARAMETERS_PER_TOKEN * corpus.trainTokens());
        ModelShape shape = candidates.get(0);
        for (ModelShape s : candidates) {
            double tokens = speed.tokensPerSecond(s, vocab) * seconds * trainingShare;
            long parameters = s.parameters(vocab);
            if (parameters <= tokens / TOKENS_PER_PARAMETER && parameters <= byData) {
                shape = s;
            }
        }
        long parameters = shape.parameters(vocab);
        double rate = speed.tokensPerSecond(shape, vocab);

        double evalSeconds = Math.min(corpus.validationTokens(), Evaluator.MAX_TOKENS) * EVAL_COST / rate;
        int evals = corpus.validationTokens() == 0 ? 0
                : (int) Math.max(MIN_EVALS, Math.min(MAX_EVALS, Math.floor(EVAL_SHARE * seconds / Math.max(evalSeconds, 1e-9))));
        double tokens = rate * Math.max(seconds * 0.5, seconds - evals * evalSeconds);
        double passes = tokens / Math.max(1, corpus.trainTokens());
        double perToken = (double) parameters / Math.max(1, corpus.trainTokens());

        String shapeReason = String.format(Locale.ROOT, "~%s tokens in %s at ~%s tok/s: %.0f per parameter%s",
                Format.count(tokens), Format.duration(seconds), Format.count(rate), tokens / parameters,
                parameters > byData / 2 ? String.format(Locale.ROOT, ", %.1f parameters per training token", perToken) : "");
        boolean shapeGiven = given.hidden() != null && given.layers() != null;
        choices.add(new Choice("model", shape.label() + ", embedding " + shape.embed() + " (" + Format.count(parameters)
                + " parameters)", shapeGiven ? "" : shapeReason, shapeGiven));

        // Dropout: how often each token is seen times how much the model can hold of the data.
        double exposure = passes * perToken;
        float dropout = given.dropout() != null ? given.dropout() : dropoutFor(exposure);
        choices.add(new Choice("dropout", number(dropout), String.format(Locale.ROOT,
                "%.1f passes over %s training tokens with %.2f parameters per token", passes,
                Format.count(corpus.trainTokens()), perToken), given.dropout() != null));

        // Batch: enough updates in the budget first, throughput second.
        long stepsAt64 = (long) (tokens / (64.0 * seq));
        int batch = given.batch() != null ? given.batch()
                : stepsAt64 >= ENOUGH_STEPS && corpus.trainTokens() >= 64L * seq * 50 ? 64 : 32;
        long steps = Math.max(1, (long) (tokens / ((double) batch * seq)));
        choices.add(new Choice("batch", batch + " × " + seq, String.format(Locale.ROOT, "~%s steps in the budget",
                Format.count(steps)), given.batch() != null || given.seq() != null));

        TrainSettings.OptimizerKind optimizer = given.optimizer() != null ? given.optimizer()
                : TrainSettings.OptimizerKind.ADAM;
        double lr = given.lr() != null ? given.lr() : peakRate(shape.hidden());
        choices.add(new Choice("rate", optimizer.label() + " " + number(lr) + ", cosine to "
                + number(lr / 10) + " when the time ends", "peak rate by width " + shape.hidden(),
                given.lr() != null || given.optimizer() != null));

        long warmup = given.warmup() != null ? given.warmup()
                : Math.max(MIN_WARMUP, Math.round(WARMUP_SHARE * steps));
        choices.add(new Choice("warm-up", warmup + " steps", String.format(Locale.ROOT, "%.0f%% of the planned steps",
                100.0 * warmup / steps), given.warmup() != null));

        int evalEvery = given.evalEvery() != null ? given.evalEvery()
                : evals == 0 ? 0 : (int) Math.max(1, steps / evals);
        // Each epoch's end validates too: a quarter of all the passes the run will make.
        int patience = given.patience() != null ? given.patience()
                : exposure >= 40 ? (int) Math.max(3, Math.min(Integer.MAX_VALUE, (evals + passes) / 4)) : 0;
        choices.add(new Choice("validation", evalEvery == 0 ? "none (no validation split)"
                : "every " + evalEvery + " steps" + (patience > 0 ? ", patience " + patience : ""),
                evals == 0 ? "" : String.format(Locale.ROOT, "a pass takes ~%s; best weights kept%s",
                        Format.duration(evalSeconds), patience > 0 ? ", stop once it overfits" : ""),
                given.evalEvery() != null || given.patience() != null));

        return new Plan(shape, parameters, dropout, batch, seq, lr, optimizer, warmup, steps, evalEvery, patience,
                minutes, rate, passes, List.copyOf(choices));
    }

    /** Candidates in increasing size, narrowed to the given hidden size or layers. */
    static List<ModelShape> candidates(CorpusProfile corpus, Overrides given) {
        List<ModelShape> shapes = new ArrayList<>();
        if (given.hidden() != null || given.layers() != null) {
            int deepest = given.layers() == null ? 3 : given.layers();
            for (int layers = 1; layers <= deepest; layers++) {
                for (int hidden : given.hidden() != null ? new int[] {given.hidden()} : HIDDEN_SIZES) {
                    if (given.layers() == null || given.layers() == layers) {
                        shapes.add(new ModelShape(embedFor(corpus, given, hidden), hidden, layers));
                    }
                }
            }
            shapes.sort((a, b) -> Long.compare(a.parameters(corpus.vocabulary()), b.parameters(corpus.vocabulary())));
        } else {
            for (int[] rung : LADDER) {
                shapes.add(new ModelShape(embedFor(corpus, given, rung[1]), rung[1], rung[0]));
            }
        }
        return shapes;
    }

    /** Characters need few dimensions (fewer still for the smallest layers); words get more, more for a larger vocabulary. */
    static int embedFor(CorpusProfile corpus, Overrides given, int hidden) {
        if (given.embed() != null) {
            return given.embed();
        }
        if (!corpus.wordLevel()) {
            return hidden <= 64 ? 32 : 64;
        }
        return corpus.vocabulary() > 10_000 ? 256 : 128;
    }

    /** Adam's peak rate falls as the layers widen: ~3e-3 at 256. */
    static double peakRate(int hidden) {
        double rate = 3e-3 * Math.sqrt(256.0 / hidden);
        return Math.round(Math.min(5e-3, Math.max(1e-3, rate)) * 1e4) / 1e4;
    }

    /** A rate or share as an option would take it: 0.003, 0.2. */
    static String number(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    /** No dropout while the model cannot memorise what it sees; more the more it could. */
    static float dropoutFor(double exposure) {
        if (exposure < 5) {
            return 0f;
        }
        if (exposure < 15) {
            return 0.1f;
        }
        if (exposure < 40) {
            return 0.2f;
        }
        if (exposure < 100) {
            return 0.3f;
        }
        return 0.4f;
    }
}

package lstmsh.train;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How one {@code train} run goes. Defaults live here; 0 means "not set" for the budgets.
 *
 * @param steps steps to run (0: use epochs)
 * @param epochs passes over the training data (0 with steps 0: one epoch)
 * @param minutes wall-clock budget (0: none)
 * @param batch sequences per step
 * @param seq tokens per sequence (truncated back-propagation length; in line mode the longest piece)
 * @param lr the base learning rate; the schedule scales it
 * @param clip global gradient-norm limit (0: off)
 * @param seed seed of this run's randomness: dropout and, in line mode, the order of lines
 * @param evalEvery model steps between validation passes (0: about ten per run); also at each epoch end
 * @param optimizer the update rule
 * @param momentum momentum of sgd and rmsprop
 * @param weightDecay decay of weight matrices (L2 for adam, sgd and rmsprop; decoupled for adamw)
 * @param schedule how the learning rate changes
 * @param classWeights how tokens are weighted in the loss
 * @param labelSmoothing share of each target's probability spread over the whole vocabulary
 * @param carryState carry the LSTM state from one window of the stream to the next
 * @param patience stop after this many validation passes without a new best (0: never), restoring the best weights
 */
public record TrainSettings(
        long steps,
        int epochs,
        double minutes,
        int batch,
        int seq,
        double lr,
        double clip,
        long seed,
        int evalEvery,
        OptimizerKind optimizer,
        double momentum,
        double weightDecay,
        Schedule schedule,
        ClassWeighting classWeights,
        double labelSmoothing,
        boolean carryState,
        int patience) {

    public static final int DEFAULT_BATCH = 64;
    public static final int DEFAULT_SEQ = 100;
    public static final double DEFAULT_LR = 0.002;
    public static final double DEFAULT_CLIP = 5;
    public static final long DEFAULT_SEED = 1;
    /** The default update rule as --optimizer spells it. */
    public static final String DEFAULT_OPTIMIZER_NAME = "adam";
    public static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.parse(DEFAULT_OPTIMIZER_NAME);
    public static final double DEFAULT_MOMENTUM = 0;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    /** The default weighting as --class-weights spells it. */
    public static final String DEFAULT_CLASS_WEIGHTS_NAME = "none";
    public static final ClassWeighting DEFAULT_CLASS_WEIGHTS = ClassWeighting.parse(DEFAULT_CLASS_WEIGHTS_NAME);
    public static final double DEFAULT_LABEL_SMOOTHING = 0;
    public static final boolean DEFAULT_CARRY_STATE = true;
    public static final int DEFAULT_PATIENCE = 0;

    /** The update rules {@code --optimizer} offers. */
    public enum OptimizerKind {
        ADAM, ADAMW, SGD, RMSPROP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static OptimizerKind parse(String text) {
            return Labels.parse(values(), OptimizerKind::label, text, "an optimizer");
        }
    }

    /** How {@code --class-weights} weights each target token. */
    public enum ClassWeighting {
        NONE, INVERSE, SQRT_INVERSE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static ClassWeighting parse(String text) {
            return Labels.parse(values(), ClassWeighting::label, text, "a class weighting");
        }
    }

    public static TrainSettings defaults() {
        return builder().build();
    }

    /** The basic settings, every other one at its default. */
    public TrainSettings(long steps, int epochs, double minutes, int batch, int seq, double lr, double clip,
            long seed, int evalEvery) {
        this(steps, epochs, minutes, batch, seq, lr, clip, seed, evalEvery, DEFAULT_OPTIMIZER, DEFAULT_MOMENTUM,
                DEFAULT_WEIGHT_DECAY, Schedule.DEFAULT, DEFAULT_CLASS_WEIGHTS, DEFAULT_LABEL_SMOOTHING,
                DEFAULT_CARRY_STATE, DEFAULT_PATIENCE);
    }

    public TrainSettings {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must not be negative, got " + steps);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must not be negative, got " + epochs);
        }
        if (steps > 0 && epochs > 0) {
            throw new IllegalArgumentException("give --steps or --epochs, not both");
        }
        if (!(minutes >= 0) || Double.isInfinite(minutes)) {
            throw new IllegalArgumentException("--minutes must not be negative, got " + minutes);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (seq < 1) {
            throw new IllegalArgumentException("--seq must be at least 1, got " + seq);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("--clip must be 0 (off) or positive, got " + clip);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must not be negative, got " + evalEvery);
        }
        if (optimizer == null) {
            optimizer = DEFAULT_OPTIMIZER;
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (momentum > 0 && (optimizer == OptimizerKind.ADAM || optimizer == OptimizerKind.ADAMW)) {
            throw new IllegalArgumentException("--momentum applies to sgd and rmsprop; Adam's moment rates are fixed at "
                    + Optimizer.BETA1 + " and " + Optimizer.BETA2);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be 0 or positive, got " + weightDecay);
        }
        if (schedule == null) {
            schedule = Schedule.DEFAULT;
        }
        if (classWeights == null) {
            classWeights = DEFAULT_CLASS_WEIGHTS;
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--patience must not be negative, got " + patience);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings as options, for the run's record. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(steps > 0 ? "--steps " + steps : "--epochs " + Math.max(1, epochs));
        if (minutes > 0) {
            b.append(" --minutes ").append(number(minutes));
        }
        b.append(" --batch ").append(batch).append(" --seq ").append(seq);
        b.append(" --optimizer ").append(optimizer.label()).append(" --lr ").append(number(lr));
        if (momentum > 0) {
            b.append(" --momentum ").append(number(momentum));
        }
        if (weightDecay > 0) {
            b.append(" --weight-decay ").append(number(weightDecay));
        }
        b.append(' ').append(schedule.options());
        b.append(" --clip ").append(number(clip));
        if (classWeights != ClassWeighting.NONE) {
            b.append(" --class-weights ").append(classWeights.label());
        }
        if (labelSmoothing > 0) {
            b.append(" --label-smoothing ").append(number(labelSmoothing));
        }
        if (!carryState) {
            b.append(" --no-carry-state");
        }
        if (patience > 0) {
            b.append(" --patience ").append(patience);
        }
        b.append(" --seed ").append(seed);
        return b.toString();
    }

    /** A number as an option value: whole numbers without a point, others to four significant digits. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    /** Settings by name, defaults for the rest. */
    public static final class Builder {
        private long steps;
        private int epochs;
        private double minutes;
        private int batch = DEFAULT_BATCH;
        private int seq = DEFAULT_SEQ;
        private double lr = DEFAULT_LR;
        private double clip = DEFAULT_CLIP;
        private long seed = DEFAULT_SEED;
        private int evalEvery;
        private OptimizerKind optimizer = DEFAULT_OPTIMIZER;
        private double momentum = DEFAULT_MOMENTUM;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private Schedule schedule = Schedule.DEFAULT;
        private ClassWeighting classWeights = DEFAULT_CLASS_WEIGHTS;
        private double labelSmoothing = DEFAULT_LABEL_SMOOTHING;
        private boolean carryState = DEFAULT_CARRY_STATE;
        private int patience = DEFAULT_PATIENCE;

        public Builder steps(long v) { steps = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder minutes(double v) { minutes = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder seq(int v) { seq = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder clip(double v) { clip = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder momentum(double v) { momentum = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder schedule(Schedule v) { schedule = v; return this; }
        public Builder classWeights(ClassWeighting v) { classWeights = v; return this; }
        public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }
        public Builder carryState(boolean v) { carryState = v; return this; }
        public Builder patience(int v) { patience = v; return this; }

        public TrainSettings build() {
            return new TrainSettings(steps, epochs, minutes, batch, seq, lr, clip, seed, evalEvery, optimizer,
                    momentum, weightDecay, schedule, classWeights, labelSmoothing, carryState, patience);
        }
    }
}

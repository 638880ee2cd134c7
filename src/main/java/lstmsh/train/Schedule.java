package lstmsh.train;

import java.util.Locale;

/**
 * How the learning rate moves. Positions are the model's own (its global step and completed
 * epochs), never the run's, so a run split by save and load follows the same curve.
 *
 * @param kind constant, step (× decay per epoch once decayAfter epochs are done, as char-rnn),
 *     cosine (from the base rate down to minLr by decaySteps, as nanoGPT) or plateau (× plateauFactor
 *     when validation stops improving, as word_language_model)
 * @param decay factor per epoch of the step schedule
 * @param decayAfter epochs at the base rate before the step schedule starts to decay
 * @param warmup model steps of linear warm-up from 0 to the base rate (any kind)
 * @param decaySteps model step at which the cosine reaches minLr (0: the end of the run)
 * @param minLr the cosine's floor (NaN: a tenth of the base rate)
 * @param plateauFactor factor applied when validation stalls
 * @param plateauPatience validation passes without improvement tolerated before a cut
 */
public record Schedule(
        Kind kind,
        double decay,
        double decayAfter,
        long warmup,
        long decaySteps,
        double minLr,
        double plateauFactor,
        int plateauPatience) {

    public enum Kind {
        CONSTANT, STEP, COSINE, PLATEAU;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a schedule; use constant, step, cosine or plateau");
        }
    }

    public static final double DEFAULT_DECAY = 0.97;
    public static final double DEFAULT_DECAY_AFTER = 10;
    public static final long DEFAULT_WARMUP = 0;
    public static final double DEFAULT_PLATEAU_FACTOR = 0.25;
    public static final int DEFAULT_PLATEAU_PATIENCE = 0;
    public static final double MIN_LR_FRACTION = 0.1;

    public static final Schedule CONSTANT = of(Kind.CONSTANT);

    public static Schedule of(Kind kind) {
        return new Schedule(kind, DEFAULT_DECAY, DEFAULT_DECAY_AFTER, DEFAULT_WARMUP, 0, Double.NaN,
                DEFAULT_PLATEAU_FACTOR, DEFAULT_PLATEAU_PATIENCE);
    }

    public Schedule {
        if (kind == null) {
            kind = Kind.CONSTANT;
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("--decay must be in (0, 1], got " + decay);
        }
        if (!(decayAfter >= 0) || Double.isInfinite(decayAfter)) {
            throw new IllegalArgumentException("--decay-after must be 0 or more epochs, got " + decayAfter);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, got " + warmup);
        }
        if (decaySteps < 0) {
            throw new IllegalArgumentException("--decay-steps must not be negative, got " + decaySteps);
        }
        if (!Double.isNaN(minLr) && !(minLr >= 0)) {
            throw new IllegalArgumentException("--min-lr must be 0 or positive, got " + minLr);
        }
        if (!(plateauFactor > 0 && plateauFactor < 1)) {
            throw new IllegalArgumentException("--plateau-factor must be in (0, 1), got " + plateauFactor);
        }
        if (plateauPatience < 0) {
            throw new IllegalArgumentException("--plateau-patience must not be negative, got " + plateauPatience);
        }
    }

    public Schedule withWarmup(long steps) {
        return new Schedule(kind, decay, decayAfter, steps, decaySteps, minLr, plateauFactor, plateauPatience);
    }

    public Schedule withDecay(double factor, double afterEpochs) {
        return new Schedule(kind, factor, afterEpochs, warmup, decaySteps, minLr, plateauFactor, plateauPatience);
    }

    public Schedule withCosine(long endStep, double floor) {
        return new Schedule(kind, decay, decayAfter, warmup, endStep, floor, plateauFactor, plateauPatience);
    }

    public Schedule withPlateau(double factor, int patience) {
        return new Schedule(kind, decay, decayAfter, warmup, decaySteps, minLr, factor, patience);
    }

    /**
     * The rate for the step that follows {@code step} model steps.
     *
     * @param epochs completed epochs of the training data
     * @param runEnd model step at which this run ends (the cosine's default end)
     * @param plateauScale the product of the plateau cuts so far
     */
    public double lr(double base, long step, long epochs, long runEnd, double plateauScale) {
        double rate = switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(decay, decays(epochs));
            case PLATEAU -> base * plateauScale;
            case COSINE -> {
                double floor = Double.isNaN(minLr) ? base * MIN_LR_FRACTION : minLr;
                long end = decaySteps > 0 ? decaySteps : runEnd;
                if (step < warmup) {
                    yield base;
                }
                double span = Math.max(1, end - warmup);
                double progress = Math.min(1, (step - warmup) / span);
                yield floor + 0.5 * (1 + Math.cos(Math.PI * progress)) * (base - floor);
            }
        };
        if (step < warmup) {
            rate *= (step + 1.0) / warmup;
        }
        return rate;
    }

    /** Cuts made by the step schedule after {@code epochs} completed epochs: one per epoch from decayAfter on. */
    long decays(long epochs) {
        long first = Math.max(1, (long) Math.ceil(decayAfter));
        return epochs >= first ? epochs - first + 1 : 0;
    }

    /** The settings as a user would type them, for run records. */
    public String options() {
        StringBuilder s = new StringBuilder("--schedule ").append(kind.label());
        switch (kind) {
            case STEP -> s.append(" --decay ").append(fmt(decay)).append(" --decay-after ").append(fmt(decayAfter));
            case COSINE -> {
                if (decaySteps > 0) {
                    s.append(" --decay-steps ").append(decaySteps);
                }
                if (!Double.isNaN(minLr)) {
                    s.append(" --min-lr ").append(fmt(minLr));
                }
            }
            case PLATEAU -> s.append(" --plateau-factor ").append(fmt(plateauFactor))
                    .append(" --plateau-patience ").append(plateauPatience);
            default -> { }
        }
        if (warmup > 0) {
            s.append(" --warmup ").append(warmup);
        }
        return s.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v)
                : new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}

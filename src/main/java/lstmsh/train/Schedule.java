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
 * @param timed the cosine's progress is the share of the run's time budget spent, not of its
 *     steps, so it reaches minLr when the time does on any machine (needs a time budget)
 */
public record Schedule(
        Kind kind,
        double decay,
        double decayAfter,
        long warmup,
        long decaySteps,
        double minLr,
        double plateauFactor,
        int plateauPatience,
        boolean timed) {

    public enum Kind {
        CONSTANT, STEP, COSINE, PLATEAU;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String text) {
            return Labels.parse(values(), Kind::label, text, "a schedule");
        }
    }

    public static final double DEFAULT_DECAY = 0.97;
    public static final double DEFAULT_DECAY_AFTER = 10;
    public static final long DEFAULT_WARMUP = 0;
    public static final double DEFAULT_PLATEAU_FACTOR = 0.25;
    public static final int DEFAULT_PLATEAU_PATIENCE = 0;
    public static final double MIN_LR_FRACTION = 0.1;

    /** The default kind as --schedule spells it. */
    public static final String DEFAULT_KIND = "constant";
    public static final Schedule DEFAULT = of(Kind.parse(DEFAULT_KIND));

    public static Schedule of(Kind kind) {
        return new Schedule(kind, DEFAULT_DECAY, DEFAULT_DECAY_AFTER, DEFAULT_WARMUP, 0, Double.NaN,
                DEFAULT_PLATEAU_FACTOR, DEFAULT_PLATEAU_PATIENCE, false);
    }

    /**
     * The schedule {@code train}'s options describe; null where an option was not given. An
     * option of another kind of schedule is refused rather than ignored.
     */
    public static Schedule fromOptions(String kindName, long warmup, Double decay, Double decayAfter,
            Long decaySteps, Double minLr, Double plateauFactor, Integer plateauPatience) {
        Kind kind = Kind.parse(kindName);
        if ((decay != null || decayAfter != null) && kind != Kind.STEP) {
            throw new IllegalArgumentException("--decay and --decay-after belong to --schedule step");
        }
        if ((decaySteps != null || minLr != null) && kind != Kind.COSINE) {
            throw new IllegalArgumentException("--decay-steps and --min-lr belong to --schedule cosine");
        }
        if ((plateauFactor != null || plateauPatience != null) && kind != Kind.PLATEAU) {
            throw new IllegalArgumentException("--plateau-factor and --plateau-patience belong to --schedule plateau");
        }
        Schedule s = of(kind)
                .withWarmup(warmup)
                .withDecay(decay == null ? DEFAULT_DECAY : decay, decayAfter == null ? DEFAULT_DECAY_AFTER : decayAfter)
                .withCosine(decaySteps == null ? 0 : decaySteps, minLr == null ? Double.NaN : minLr)
                .withPlateau(plateauFactor == null ? DEFAULT_PLATEAU_FACTOR : plateauFactor,
                        plateauPatience == null ? DEFAULT_PLATEAU_PATIENCE : plateauPatience);
        if (decaySteps != null && decaySteps > 0 && decaySteps <= warmup) {
            throw new IllegalArgumentException("--decay-steps (" + decaySteps + ") must come after the warm-up ("
                    + warmup + " steps)");
        }
        return s;
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
        return new Schedule(kind, decay, decayAfter, steps, decaySteps, minLr, plateauFactor, plateauPatience, timed);
    }

    public Schedule withDecay(double factor, double afterEpochs) {
        return new Schedule(kind, factor, afterEpochs, warmup, decaySteps, minLr, plateauFactor, plateauPatience, timed);
    }

    public Schedule withCosine(long endStep, double floor) {
        return new Schedule(kind, decay, decayAfter, warmup, endStep, floor, plateauFactor, plateauPatience, timed);
    }

    public Schedule withPlateau(double factor, int patience) {
        return new Schedule(kind, decay, decayAfter, warmup, decaySteps, minLr, factor, patience, timed);
    }

    /** A cosine whose progress is the time budget spent rather than the steps taken. */
    public Schedule overTime() {
        return new Schedule(Kind.COSINE, decay, decayAfter, warmup, 0, minLr, plateauFactor, plateauPatience, true);
    }

    /** As {@link #lr(double, long, long, long, double, double)} for a run without a time budget. */
    public double lr(double base, long step, long epochs, long runEnd, double plateauScale) {
        return lr(base, step, epochs, runEnd, plateauScale, Double.NaN);
    }

    /**
     * The rate for the step that follows {@code step} model steps.
     *
     * @param epochs completed epochs of the training data
     * @param runEnd model step at which this run ends (the cosine's default end)
     * @param plateauScale the product of the plateau cuts so far
     * @param timeSpent share of the run's time budget spent so far (NaN: the run has none), the
     *     progress of a {@link #timed()} cosine
     */
    public double lr(double base, long step, long epochs, long runEnd, double plateauScale, double timeSpent) {
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
                double progress = timed && !Double.isNaN(timeSpent) ? Math.max(0, Math.min(1, timeSpent))
                        : Math.min(1, (step - warmup) / span);
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
            case STEP -> s.append(" --decay ").append(TrainSettings.number(decay))
                    .append(" --decay-after ").append(TrainSettings.number(decayAfter));
            case COSINE -> {
                if (timed) {
                    s.append(" (over the time budget)");
                }
                if (decaySteps > 0) {
                    s.append(" --decay-steps ").append(decaySteps);
                }
                if (!Double.isNaN(minLr)) {
                    s.append(" --min-lr ").append(TrainSettings.number(minLr));
                }
            }
            case PLATEAU -> s.append(" --plateau-factor ").append(TrainSettings.number(plateauFactor))
                    .append(" --plateau-patience ").append(plateauPatience);
            default -> { }
        }
        if (warmup > 0) {
            s.append(" --warmup ").append(warmup);
        }
        return s.toString();
    }
}

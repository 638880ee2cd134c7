package lstmsh.command;

import lstmsh.train.Schedule;

import picocli.CommandLine.Option;

/** The learning-rate schedule options of {@code train}; the ones of a kind are null when not given. */
public final class ScheduleOptions {

    static final class KindNames extends EnumLabels {
        KindNames() {
            super(Schedule.Kind.values(), Schedule.Kind::label);
        }
    }

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = Schedule.DEFAULT_KIND, completionCandidates = KindNames.class,
            description = "Learning-rate schedule (default: ${DEFAULT-VALUE}): constant, step (× --decay per epoch after"
                    + " --decay-after epochs), cosine (down to --min-lr at --decay-steps) or plateau (× --plateau-factor"
                    + " when validation stalls).")
    String kind;

    @Option(names = "--decay", paramLabel = "F",
            description = "Factor per epoch of the step schedule (default: " + Schedule.DEFAULT_DECAY + ").")
    Double decay;

    @Option(names = "--decay-after", paramLabel = "EPOCHS",
            description = "Epochs at the base rate before the step schedule decays (default: " + Schedule.DEFAULT_DECAY_AFTER + ").")
    Double decayAfter;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "" + Schedule.DEFAULT_WARMUP,
            description = "Model steps of linear warm-up from 0 to the rate, with any schedule (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--decay-steps", paramLabel = "STEP",
            description = "Model step at which the cosine reaches --min-lr (default: the end of this run; give it when a run is split by save and load).")
    Long decaySteps;

    @Option(names = "--min-lr", paramLabel = "RATE",
            description = "Floor of the cosine schedule (default: a tenth of --lr).")
    Double minLr;

    @Option(names = "--plateau-factor", paramLabel = "F",
            description = "Factor of the plateau schedule (default: " + Schedule.DEFAULT_PLATEAU_FACTOR + ", i.e. divide by 4).")
    Double plateauFactor;

    @Option(names = "--plateau-patience", paramLabel = "N",
            description = "Validation passes without improvement the plateau schedule tolerates before a cut (default: "
                    + Schedule.DEFAULT_PLATEAU_PATIENCE + ").")
    Integer plateauPatience;

    /** The schedule these options describe; options of another kind are an error. */
    Schedule schedule() {
        return Schedule.fromOptions(kind, warmup, decay, decayAfter, decaySteps, minLr, plateauFactor, plateauPatience);
    }
}

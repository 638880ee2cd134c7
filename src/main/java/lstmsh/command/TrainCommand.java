package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.model.Compatibility;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.Format;
import lstmsh.render.LiveLine;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;
import lstmsh.train.Schedule;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

@Command(
        name = "train",
        description = {
            "Train the model on the loaded corpus: truncated back-propagation over",
            "contiguous chunks, or padded batches of lines after 'corpus load --split lines'.",
            "Losses are nats per token (bits = nats / ln 2). Ctrl-C stops after the current",
            "step and keeps the model. Schedules count the model's own steps and epochs, so",
            "a run split by save and load follows the same curve as an unbroken one."
        },
        footer = {"", "Example:", "  train --steps 400 --batch 64 --seq 100 --lr 0.002",
            "  train --epochs 20 --optimizer rmsprop --schedule step --decay 0.97",
            "  train --steps 2000 --schedule cosine --warmup 100 --patience 5",
            "  train --epochs 40 --optimizer sgd --lr 20 --clip 0.25 --schedule plateau"})
public final class TrainCommand extends WorkspaceCommand {

    static final class OptimizerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("adam", "adamw", "sgd", "rmsprop").iterator();
        }
    }

    static final class ScheduleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("constant", "step", "cosine", "plateau").iterator();
        }
    }

    static final class WeightingNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("none", "inverse", "sqrt-inverse").iterator();
        }
    }

    @Option(names = "--steps", paramLabel = "N", description = "Steps to run (default: one epoch).")
    long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training text instead of --steps.")
    int epochs;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after this much time, whatever --steps says.")
    double minutes;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_BATCH,
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_SEQ,
            description = "Tokens per sequence, the back-propagation length; in line mode the longest piece of a line (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", completionCandidates = OptimizerNames.class,
            description = "adam, adamw (decoupled weight decay), sgd or rmsprop (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + TrainSettings.DEFAULT_LR,
            description = "Base learning rate; the schedule scales it (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "" + TrainSettings.DEFAULT_MOMENTUM,
            description = "Momentum of sgd and rmsprop (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "" + TrainSettings.DEFAULT_WEIGHT_DECAY,
            description = "Weight decay of weight matrices, not biases: L2 for adam, sgd and rmsprop, decoupled for adamw (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "constant", completionCandidates = ScheduleNames.class,
            description = "Learning-rate schedule (default: ${DEFAULT-VALUE}): constant, step (× --decay per epoch after"
                    + " --decay-after epochs), cosine (down to --min-lr at --decay-steps) or plateau (× --plateau-factor"
                    + " when validation stalls).")
    String schedule;

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

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "" + TrainSettings.DEFAULT_CLIP,
            description = "Clip the global gradient norm to this; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--class-weights", paramLabel = "MODE", defaultValue = "none", completionCandidates = WeightingNames.class,
            description = "Weight each target by its training frequency: none, inverse or sqrt-inverse (default: ${DEFAULT-VALUE}).")
    String classWeights;

    @Option(names = "--label-smoothing", paramLabel = "E", defaultValue = "" + TrainSettings.DEFAULT_LABEL_SMOOTHING,
            description = "Share of each target's probability spread over the whole vocabulary (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--no-carry-state", description = "Start every batch from a zero LSTM state instead of carrying it along the stream.")
    boolean noCarryState;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Model steps between validation passes, besides each epoch's end (default: about ten per run, at least 50 apart)."
                    + " A pass reads at most " + lstmsh.train.Evaluator.MAX_TOKENS + " validation tokens, spread over the split.")
    int evalEvery;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_PATIENCE,
            description = "Stop after N validation passes without a new best and restore the best weights; 0 never stops (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--device", paramLabel = "DEVICE", converter = DeviceCommand.Spelling.class,
            description = "Train on cpu, gpu or gpu:N, moving the model there first (default: the device in use; see 'device').")
    String device;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of dropout and of the order of lines (default: the model's last training seed, 1 for a new model).")
    Long seed;

    @Option(names = "--sample-every", paramLabel = "N", defaultValue = "0",
            description = "Every N steps print a short sample at temperature 1 with its one-line report, so a collapse is seen when it starts; 0 = never (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--sample-length", paramLabel = "L", defaultValue = "" + lstmsh.sample.SampleDuringTraining.DEFAULT_LENGTH,
            description = "Tokens in each --sample-every sample (default: ${DEFAULT-VALUE}).")
    int sampleLength;

    public TrainCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Corpus corpus = workspace.requireCorpus();
        workspace.requireModel();
        if (device != null) {
            out().println(DeviceCommand.choose(workspace, device));
        }
        LstmLanguageModel model = workspace.requireModel();
        String mismatch = Compatibility.problem(model, workspace.modelCorpusSource(), corpus.tokenizer(),
                corpus.vocabulary(), corpus.source());
        if (mismatch != null) {
            throw new LstmshException(mismatch);
        }
        TrainingState training = workspace.training();
        TrainSettings settings = settings(training);
        workspace.cancel().reset();
        TrainResult result;
        try (LiveLine line = workspace.console().liveLine()) {
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStep(StepProgress p) {
                    line.update(progressLine(p));
                }

                @Override
                public void onValidation(long step, double valLoss) {
                    line.println(String.format("  step %d: validation loss %s (%s bits/token)", step,
                            Format.loss(valLoss), Format.bits(valLoss)));
                }

                @Override
                public void onNotice(String message) {
                    line.println("  " + message);
                }
            };
            listener = lstmsh.sample.SampleDuringTraining.wrap(listener, model, corpus, sampleEvery, sampleLength, line::println);
            result = new TrainingLoop(model, corpus, settings, training, listener, workspace.cancel()).run();
        }
        out().printf("trained %d steps in %s: loss %s, validation %s nats/token (%s bits), %s tok/s, lr %s%s%n",
                result.steps(), Format.duration(result.seconds()), Format.loss(result.loss()),
                Format.loss(result.valLoss()), Format.bits(result.valLoss()), Format.count(result.tokensPerSecond()),
                rate(result.lr()),
                switch (result.stop()) {
                    case COMPLETED -> "";
                    case CANCELLED -> " (stopped by Ctrl-C; the model is kept)";
                    case TIME_BUDGET -> " (time budget reached)";
                    case DIVERGED -> " (diverged)";
                    case EARLY_STOPPED -> " (early stop; best weights restored)";
                });
        if (!Double.isNaN(training.bestValLoss())) {
            out().printf("best validation loss so far: %s (%s bits) at step %d; the model has trained %d steps%n",
                    Format.loss(training.bestValLoss()), Format.bits(training.bestValLoss()), training.bestValStep(),
                    training.globalStep());
        }
        Figures f = workspace.figures();
        f.put("train.steps", result.steps());
        f.put("train.loss", result.loss());
        f.put("train.val_loss", result.valLoss());
        f.put("train.val_bits", result.valLoss() / Math.log(2));
        f.put("train.tok_per_s", result.tokensPerSecond());
        f.put("train.seconds", result.seconds());
        f.put("train.best_val_loss", training.bestValLoss());
        f.put("train.best_step", training.bestValStep());
        f.put("train.global_step", training.globalStep());
        f.put("train.lr", result.lr());
        f.put("train.stopped_early", result.stop() == TrainResult.Stop.EARLY_STOPPED ? 1 : 0);
        if (result.stop() == TrainResult.Stop.DIVERGED) {
            throw new LstmshException("training diverged: " + result.detail());
        }
    }

    private TrainSettings settings(TrainingState training) {
        try {
            Schedule.Kind kind = Schedule.Kind.parse(schedule);
            if ((decay != null || decayAfter != null) && kind != Schedule.Kind.STEP) {
                throw new IllegalArgumentException("--decay and --decay-after belong to --schedule step");
            }
            if ((decaySteps != null || minLr != null) && kind != Schedule.Kind.COSINE) {
                throw new IllegalArgumentException("--decay-steps and --min-lr belong to --schedule cosine");
            }
            if ((plateauFactor != null || plateauPatience != null) && kind != Schedule.Kind.PLATEAU) {
                throw new IllegalArgumentException("--plateau-factor and --plateau-patience belong to --schedule plateau");
            }
            Schedule s = Schedule.of(kind)
                    .withWarmup(warmup)
                    .withDecay(decay == null ? Schedule.DEFAULT_DECAY : decay,
                            decayAfter == null ? Schedule.DEFAULT_DECAY_AFTER : decayAfter)
                    .withCosine(decaySteps == null ? 0 : decaySteps, minLr == null ? Double.NaN : minLr)
                    .withPlateau(plateauFactor == null ? Schedule.DEFAULT_PLATEAU_FACTOR : plateauFactor,
                            plateauPatience == null ? Schedule.DEFAULT_PLATEAU_PATIENCE : plateauPatience);
            if (decaySteps != null && decaySteps > 0 && decaySteps <= warmup) {
                throw new IllegalArgumentException("--decay-steps (" + decaySteps + ") must come after the warm-up ("
                        + warmup + " steps)");
            }
            return TrainSettings.builder()
                    .steps(steps).epochs(epochs).minutes(minutes).batch(batch).seq(seq)
                    .lr(lr).clip(clip).seed(seed == null ? training.seed() : seed).evalEvery(evalEvery)
                    .optimizer(TrainSettings.OptimizerKind.parse(optimizer)).momentum(momentum).weightDecay(weightDecay)
                    .schedule(s).classWeights(TrainSettings.ClassWeighting.parse(classWeights))
                    .labelSmoothing(labelSmoothing).carryState(!noCarryState).patience(patience)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new LstmshException(e.getMessage());
        }
    }

    static String rate(double lr) {
        return Double.isFinite(lr) ? String.format(Locale.ROOT, "%.3g", lr) : "-";
    }

    static String progressLine(StepProgress p) {
        return String.format("step %d/%d %3.0f%%  loss %s  val %s (%s bits)  %s tok/s  |g| %.2f  lr %s  elapsed %s  left %s",
                p.step(), p.totalSteps(), 100.0 * p.step() / p.totalSteps(), Format.loss(p.smoothedLoss()),
                Format.loss(p.valLoss()), Format.bits(p.valLoss()), Format.count(p.tokensPerSecond()), p.gradNorm(),
                rate(p.lr()), Format.duration(p.elapsedSeconds()), Format.duration(p.remainingSeconds()));
    }
}

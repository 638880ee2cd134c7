package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.model.Compatibility;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.LiveLine;
import lstmsh.render.TrainingLines;
import lstmsh.sample.SampleDuringTraining;
import lstmsh.session.Workspace;
import lstmsh.train.Evaluator;
import lstmsh.train.Precision;
import lstmsh.train.Schedule;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    static final class OptimizerNames extends EnumLabels {
        OptimizerNames() {
            super(TrainSettings.OptimizerKind.values(), TrainSettings.OptimizerKind::label);
        }
    }

    static final class WeightingNames extends EnumLabels {
        WeightingNames() {
            super(TrainSettings.ClassWeighting.values(), TrainSettings.ClassWeighting::label);
        }
    }

    @Option(names = "--steps", paramLabel = "N", description = "Steps to run, at least 1 (default: one epoch).")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training text instead of --steps, at least 1.")
    Integer epochs;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after this much time, whatever --steps says.")
    double minutes;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_BATCH,
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_SEQ,
            description = "Tokens per sequence, the back-propagation length; in line mode the longest piece of a line (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = TrainSettings.DEFAULT_OPTIMIZER_NAME, completionCandidates = OptimizerNames.class,
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

    @Mixin
    ScheduleOptions schedule;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "" + TrainSettings.DEFAULT_CLIP,
            description = "Clip the global gradient norm to this; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--class-weights", paramLabel = "MODE", defaultValue = TrainSettings.DEFAULT_CLASS_WEIGHTS_NAME, completionCandidates = WeightingNames.class,
            description = "Weight each target by its training frequency: none, inverse or sqrt-inverse (default: ${DEFAULT-VALUE}).")
    String classWeights;

    @Option(names = "--label-smoothing", paramLabel = "E", defaultValue = "" + TrainSettings.DEFAULT_LABEL_SMOOTHING,
            description = "Share of each target's probability spread over the whole vocabulary (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--no-carry-state", description = "Start every batch from a zero LSTM state instead of carrying it along the stream.")
    boolean noCarryState;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Model steps between validation passes, besides each epoch's end (default: about ten per run, at least 50 apart)."
                    + " A pass reads at most " + Evaluator.MAX_TOKENS + " validation tokens, spread over the split.")
    int evalEvery;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_PATIENCE,
            description = "Stop after N validation passes without a new best and restore the best weights; 0 never stops (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--device", paramLabel = "DEVICE", converter = DeviceSpelling.class,
            description = "Train on cpu, gpu or gpu:N, moving the model there first (default: the device in use; see 'device').")
    String device;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of dropout and of the order of lines (default: the model's last training seed, 1 for a new model).")
    Long seed;

    @Option(names = "--precision", paramLabel = "P", defaultValue = Precision.FLOAT32, completionCandidates = PrecisionNames.class,
            description = "Number format of training: float32; bf16 is refused, the engine build stops on it (docs/precision.md) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--sample-every", paramLabel = "N", defaultValue = "0",
            description = "Every N steps print a short sample at temperature 1 with its one-line report, so a collapse is seen when it starts; 0 = never (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--sample-length", paramLabel = "L", defaultValue = "" + SampleDuringTraining.DEFAULT_LENGTH,
            description = "Tokens in each --sample-every sample (default: ${DEFAULT-VALUE}).")
    int sampleLength;

    public TrainCommand(Workspace workspace) {
        super(workspace);
    }

    static final class PrecisionNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Precision.NAMES.iterator();
        }
    }

    @Override
    protected void run() {
        Precision.require(precision);
        Corpus corpus = workspace.requireCorpus();
        LstmLanguageModel model = workspace.requireModel();
        String mismatch = Compatibility.problem(model, workspace.modelCorpusSource(), corpus.tokenizer(),
                corpus.vocabulary(), corpus.source());
        if (mismatch != null) {
            throw new LstmshException(mismatch);
        }
        TrainSettings settings = settings(workspace.training());
        if (device != null) {
            out().println(DeviceChoice.apply(workspace, device));
            model = workspace.model();
        }
        workspace.cancel().reset();
        TrainResult result;
        try (LiveLine line = workspace.console().liveLine()) {
            TrainingListener listener = SampleDuringTraining.wrap(TrainingLines.on(line), model, corpus, sampleEvery,
                    sampleLength, line::println);
            result = new TrainingLoop(model, corpus, settings, workspace.training(), listener, workspace.cancel()).run();
        }
        out().println(TrainingLines.summary(result));
        String best = TrainingLines.best(result);
        if (best != null) {
            out().println(best);
        }
        corpus.knownNgramBaseline().filter(b -> Double.isFinite(result.valLoss()))
                .ifPresent(b -> out().println(b.comparison(result.valLoss())));
        result.figures().forEach(workspace.figures()::put);
        if (result.stop() == TrainResult.Stop.DIVERGED) {
            throw new LstmshException("training diverged: " + result.detail());
        }
    }

    private TrainSettings settings(TrainingState training) {
        // 0 would mean "unset" below, which trains a whole epoch: not what "--steps 0" asks for.
        if (steps != null && steps < 1) {
            throw new LstmshException("--steps must be at least 1, got " + steps + "; leave it out to train one epoch");
        }
        if (epochs != null && epochs < 1) {
            throw new LstmshException("--epochs must be at least 1, got " + epochs);
        }
        Schedule s = schedule.schedule();
        return TrainSettings.builder()
                .steps(steps == null ? 0 : steps).epochs(epochs == null ? 0 : epochs).minutes(minutes).batch(batch).seq(seq)
                .lr(lr).clip(clip).seed(seed == null ? training.seed() : seed).evalEvery(evalEvery)
                .optimizer(TrainSettings.OptimizerKind.parse(optimizer)).momentum(momentum).weightDecay(weightDecay)
                .schedule(s).classWeights(TrainSettings.ClassWeighting.parse(classWeights))
                .labelSmoothing(labelSmoothing).carryState(!noCarryState).patience(patience)
                .build();
    }
}

package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.Format;
import lstmsh.render.LiveLine;
import lstmsh.shell.Figures;
import lstmsh.shell.Workspace;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "train",
        description = {
            "Train the model on the loaded corpus with Adam and truncated back-propagation over contiguous chunks.",
            "Losses are nats per token (bits = nats / ln 2). Ctrl-C stops after the current step and keeps the model."
        },
        footer = {"", "Example:", "  train --steps 400 --batch 64 --seq 100 --lr 0.002", "  train --epochs 2 --minutes 5"})
public final class TrainCommand extends WorkspaceCommand {

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
            description = "Tokens per sequence, the back-propagation length (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + TrainSettings.DEFAULT_LR,
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "" + TrainSettings.DEFAULT_CLIP,
            description = "Clip the global gradient norm to this; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_SEED,
            description = "Seed of this run's randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Steps between validation passes (default: about ten per run, at least 50 steps apart).")
    int evalEvery;

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
        LstmLanguageModel model = workspace.requireModel();
        TrainSettings settings;
        try {
            settings = new TrainSettings(steps, epochs, minutes, batch, seq, lr, clip, seed, evalEvery);
        } catch (IllegalArgumentException e) {
            throw new LstmshException(e.getMessage());
        }
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
            result = new TrainingLoop(model, corpus, settings, workspace.training(), listener, workspace.cancel()).run();
        }
        out().printf("trained %d steps in %s: loss %s, validation %s nats/token (%s bits), %s tok/s%s%n",
                result.steps(), Format.duration(result.seconds()), Format.loss(result.loss()),
                Format.loss(result.valLoss()), Format.bits(result.valLoss()), Format.count(result.tokensPerSecond()),
                switch (result.stop()) {
                    case COMPLETED -> "";
                    case CANCELLED -> " (stopped by Ctrl-C; the model is kept)";
                    case TIME_BUDGET -> " (time budget reached)";
                    case DIVERGED -> " (diverged)";
                });
        var training = workspace.training();
        if (!Double.isNaN(training.bestValLoss())) {
            out().printf("best validation loss so far: %s at step %d (model has trained %d steps)%n",
                    Format.loss(training.bestValLoss()), training.bestValStep(), training.globalStep());
        }
        Figures f = workspace.figures();
        f.put("train.steps", result.steps());
        f.put("train.loss", result.loss());
        f.put("train.val_loss", result.valLoss());
        f.put("train.val_bits", result.valLoss() / Math.log(2));
        f.put("train.tok_per_s", result.tokensPerSecond());
        f.put("train.seconds", result.seconds());
        f.put("train.best_val_loss", training.bestValLoss());
        if (result.stop() == TrainResult.Stop.DIVERGED) {
            throw new LstmshException("training diverged: " + result.detail());
        }
    }

    static String progressLine(StepProgress p) {
        return String.format("step %d/%d %3.0f%%  loss %s  val %s  %s tok/s  |g| %.2f  elapsed %s  left %s",
                p.step(), p.totalSteps(), 100.0 * p.step() / p.totalSteps(), Format.loss(p.smoothedLoss()),
                Format.loss(p.valLoss()), Format.count(p.tokensPerSecond()), p.gradNorm(),
                Format.duration(p.elapsedSeconds()), Format.duration(p.remainingSeconds()));
    }
}

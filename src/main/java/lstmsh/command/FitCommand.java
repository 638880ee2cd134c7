package lstmsh.command;

import lstmsh.checkpoint.Checkpoint;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusCache;
import lstmsh.fit.AutoPlan;
import lstmsh.fit.CorpusProfile;
import lstmsh.fit.Fit;
import lstmsh.fit.MachineSpeed;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.LiveLine;
import lstmsh.render.TrainingLines;
import lstmsh.session.Workspace;
import lstmsh.train.TrainResult;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingState;
import lstmsh.util.Format;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(
        name = "fit",
        description = {
            "Build and train the best model the minutes allow on the loaded corpus: it times this",
            "machine (seconds, then cached), sizes the model, dropout, batch and learning rate to the",
            "corpus and the budget, trains with a cosine schedule that ends when the time does, and",
            "ends on the best validation weights. Any option given overrides its choice.",
            "With --save, every new best is written to DIR at once, so Ctrl-C or a crash keeps it."
        },
        footer = {"", "Example:", "  fit --minutes 10 --plan", "  fit --minutes 10 --save checkpoints/auto",
            "  fit --minutes 5 --hidden 512 --dropout 0.2"})
public final class FitCommand extends WorkspaceCommand {

    @Option(names = "--minutes", paramLabel = "M", description = "Time to train, in minutes; fit needs it.")
    Double minutes;

    @Option(names = "--save", paramLabel = "DIR", description = "Checkpoint directory that always holds the best model so far.")
    Path save;

    @Option(names = "--plan", description = "Print the choices and why, and train nothing.")
    boolean planOnly;

    @Option(names = "--embed", paramLabel = "N", description = "Embedding width (default: chosen).")
    Integer embed;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden size of every layer (default: chosen).")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "N", description = "Number of LSTM layers, 1 to 3 (default: chosen).")
    Integer layers;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout between layers and before the softmax (default: chosen).")
    Float dropout;

    @Option(names = "--batch", paramLabel = "N", description = "Sequences per step (default: chosen).")
    Integer batch;

    @Option(names = "--seq", paramLabel = "N", description = "Tokens per sequence (default: chosen).")
    Integer seq;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate (default: chosen).")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "NAME", completionCandidates = TrainCommand.OptimizerNames.class,
            description = "adam, adamw, sgd or rmsprop (default: adam).")
    String optimizer;

    @Option(names = "--warmup", paramLabel = "N", description = "Steps of linear warm-up (default: chosen).")
    Long warmup;

    @Option(names = "--eval-every", paramLabel = "N", description = "Steps between validation passes (default: chosen).")
    Integer evalEvery;

    @Option(names = "--patience", paramLabel = "N", description = "Validation passes without a new best before stopping; 0 never stops (default: chosen).")
    Integer patience;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the weights and of dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    public FitCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        if (minutes == null) {
            throw new LstmshException("fit needs --minutes M, the time to train; e.g. fit --minutes 10");
        }
        Corpus corpus = workspace.requireCorpus();
        corpus.ngramBaseline(); // the bar the summary compares with; computed before the clock starts
        CorpusProfile profile = CorpusProfile.of(corpus);
        MachineSpeed speed = MachineSpeed.ofThisMachine(CorpusCache.standard().dir(), profile.vocabulary());
        AutoPlan.Plan plan = AutoPlan.choose(profile, speed, minutes, overrides());
        out().printf("fit: %s on %s training tokens (%s level, vocabulary %d, n-gram order %d %s nats); %s%n",
                Format.duration(minutes * 60), Format.count(profile.trainTokens()), profile.level(),
                profile.vocabulary(), profile.ngramOrder(), Format.loss(profile.ngramLoss()), speed.origin());
        for (AutoPlan.Choice c : plan.choices()) {
            out().printf("  %-10s %s  %s%n", c.name(), c.value(), c.given() ? "(given)" : "— " + c.reason());
        }
        if (planOnly) {
            return;
        }
        if (save != null) {
            Checkpoint.checkTarget(save.toAbsolutePath().normalize());
        }
        LstmLanguageModel model = LstmLanguageModel.create(Fit.modelSettings(plan, seed), corpus.vocabulary(),
                corpus.tokenizer());
        boolean replacing = workspace.model() != null;
        if (!workspace.mayReplaceModel("fit")) {
            model.close();
            return;
        }
        TrainingState state = new TrainingState(model.manager());
        TrainSettings settings = Fit.trainSettings(plan, seed);
        workspace.cancel().reset();
        Fit.Outcome outcome;
        // The new model takes the loaded one's place only once it has trained: a run that cannot start
        // leaves the user's model as it was.
        try (LiveLine line = workspace.console().liveLine()) {
            outcome = Fit.train(model, state, corpus, settings, save, TrainingLines.on(line), workspace.cancel());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        workspace.setModel(model, state, corpus.source());
        if (replacing) {
            out().println("the loaded model was replaced by the new one");
        }
        report(outcome, corpus);
    }

    private void report(Fit.Outcome outcome, Corpus corpus) {
        TrainResult result = outcome.result();
        out().println(TrainingLines.summary(result));
        if (outcome.restoredStep() >= 0) {
            out().printf("best weights from step %d restored (validation %s nats)%n", outcome.restoredStep(),
                    Format.loss(result.valLoss()));
        }
        if (outcome.savedStep() >= 0) {
            out().printf("best model (step %d) saved to %s%n", outcome.savedStep(), save);
        }
        corpus.knownNgramBaseline().filter(b -> Double.isFinite(result.valLoss()))
                .ifPresent(b -> out().println(b.comparison(result.valLoss())));
        result.figures().forEach(workspace.figures()::put);
        if (result.stop() == TrainResult.Stop.DIVERGED) {
            throw new LstmshException("training diverged: " + result.detail());
        }
    }

    private AutoPlan.Overrides overrides() {
        return new AutoPlan.Overrides(embed, hidden, layers, dropout, batch, seq, lr,
                optimizer == null ? null : TrainSettings.OptimizerKind.parse(optimizer), warmup, evalEvery, patience);
    }
}

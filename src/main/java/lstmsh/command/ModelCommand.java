package lstmsh.command;

import ai.djl.ndarray.types.Shape;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.util.Format;
import lstmsh.session.Workspace;
import lstmsh.train.TrainingState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(
        name = "model",
        description = "Build a model for the loaded corpus, or show the current one.",
        subcommands = {ModelCommand.New.class, ModelCommand.Show.class},
        footer = {"", "Example:", "  model new --embed 64 --hidden 256 --layers 2", "  model show"})
public final class ModelCommand extends WorkspaceCommand {

    public ModelCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("model needs a subcommand: new or show (see 'help model')");
    }

    @Command(
            name = "new",
            description = {"Build embedding → stacked LSTM → softmax over the loaded corpus' vocabulary, with fresh weights.",
                "At the prompt, a model with unsaved training is asked about before it goes."},
            footer = {"", "Example:", "  model new --hidden 256 --layers 2", "  model new --hidden 128,64 --dropout 0.2",
                "  model new --embed 256 --hidden 256 --tie --output-dropout 0.3",
                "  model new --embed-dropout 0.1 --forget-bias 1",
                "  model new --init uniform:0,0.001"})
    public static final class New extends WorkspaceCommand {
        @Option(names = "--embed", paramLabel = "N", defaultValue = "" + ModelSettings.DEFAULT_EMBED,
                description = "Embedding width (default: ${DEFAULT-VALUE}).")
        int embed;

        @Option(names = "--hidden", paramLabel = "N[,N...]", defaultValue = "" + ModelSettings.DEFAULT_HIDDEN,
                split = ",", description = "Hidden size of every layer, or one size per layer, bottom first (default: ${DEFAULT-VALUE}).")
        List<Integer> hidden;

        @Option(names = "--layers", paramLabel = "N",
                description = "Number of LSTM layers (default: " + ModelSettings.DEFAULT_LAYERS + ", or as many as --hidden sizes).")
        Integer layers;

        @Option(names = "--dropout", paramLabel = "P", defaultValue = "" + ModelSettings.DEFAULT_DROPOUT,
                description = "Dropout between LSTM layers while training (default: ${DEFAULT-VALUE}).")
        float dropout;

        @Option(names = "--embed-dropout", paramLabel = "P", defaultValue = "" + ModelSettings.DEFAULT_EMBED_DROPOUT,
                description = "Dropout on the embedding's output while training (default: ${DEFAULT-VALUE}).")
        float embedDropout;

        @Option(names = "--output-dropout", paramLabel = "P", defaultValue = "" + ModelSettings.DEFAULT_OUTPUT_DROPOUT,
                description = "Dropout on the top LSTM layer's output, before the softmax, while training (default: ${DEFAULT-VALUE}).")
        float outputDropout;

        @Option(names = "--tie", description = "Tie the output weights to the embedding (default: off; needs --embed equal to the top --hidden size).")
        boolean tie;

        @Option(names = "--init", paramLabel = "SPEC", defaultValue = ModelSettings.DEFAULT_INIT,
                completionCandidates = InitExamples.class,
                description = "Initial weight matrices: xavier, normal:STD or uniform:LOW,HIGH (default: ${DEFAULT-VALUE}).")
        String init;

        @Option(names = "--forget-bias", paramLabel = "B", defaultValue = "" + ModelSettings.DEFAULT_FORGET_BIAS,
                description = "Initial bias of the forget gate; 1 helps long memory (default: ${DEFAULT-VALUE}).")
        float forgetBias;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "" + ModelSettings.DEFAULT_SEED,
                description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
        long seed;

        public New(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            Corpus corpus = workspace.requireCorpus();
            ModelSettings settings = new ModelSettings(embed, ModelSettings.hiddenSizes(hidden, layers), dropout, seed,
                    embedDropout, outputDropout, tie, Init.parse(init), forgetBias);
            LstmLanguageModel model = LstmLanguageModel.create(settings, corpus.vocabulary(), corpus.tokenizer());
            if (!workspace.mayReplaceModel("model new")) {
                model.close();
                return;
            }
            workspace.setModel(model, new TrainingState(model.manager()), corpus.source());
            describe(workspace, false);
        }
    }

    @Command(
            name = "show",
            description = "Show the architecture, every parameter's shape and the parameter count.",
            footer = {"", "Example:", "  model show"})
    public static final class Show extends WorkspaceCommand {
        public Show(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            workspace.requireModel();
            describe(workspace, true);
        }
    }

    static void describe(Workspace workspace, boolean detailed) {
        LstmLanguageModel model = workspace.model();
        ModelSettings s = model.settings();
        StringBuilder layers = new StringBuilder();
        for (int h : s.hidden()) {
            layers.append(layers.length() == 0 ? "" : " → ").append("LSTM(").append(h).append(')');
        }
        List<String> extras = new ArrayList<>();
        if (s.dropout() > 0) {
            extras.add(String.format("dropout %.2f between layers", s.dropout()));
        }
        if (s.embedDropout() > 0) {
            extras.add(String.format("embedding dropout %.2f", s.embedDropout()));
        }
        if (s.outputDropout() > 0) {
            extras.add(String.format("output dropout %.2f", s.outputDropout()));
        }
        if (!s.init().equals(Init.XAVIER)) {
            extras.add("init " + s.init());
        }
        if (s.forgetBias() != 0) {
            extras.add("forget bias " + s.forgetBias());
        }
        workspace.out().printf("model: embedding(%d×%d) → %s → linear(%d×%d)%s → softmax; %s parameters%s%n",
                model.vocabulary().size(), s.embed(), layers, s.topHidden(), model.vocabulary().size(),
                s.tie() ? " tied" : "", Format.count(model.parameterCount()),
                extras.isEmpty() ? "" : ", " + String.join(", ", extras));
        if (detailed) {
            workspace.out().printf("  %-18s %-14s %s%n", "parameter", "shape", "count");
            for (Map.Entry<String, Shape> e : model.parameterShapes().entrySet()) {
                workspace.out().printf("  %-18s %-14s %d%n", e.getKey(), e.getValue(), e.getValue().size());
            }
            TrainingState t = workspace.training();
            workspace.out().printf("  %s tokens (%s level), init seed %d, trained %d steps%s%n",
                    model.vocabulary().size(), model.tokenizer().level(), s.seed(), t.globalStep(),
                    Double.isNaN(t.bestValLoss()) ? ""
                            : String.format(", best validation loss %.4f at step %d", t.bestValLoss(), t.bestValStep()));
        }
        workspace.figures().put("model.params", model.parameterCount());
        workspace.figures().put("model.layers", s.layers());
    }

    /** --init for Tab: each kind, the ones with parameters as an example to edit. */
    static final class InitExamples implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("xavier", "normal:0.02", "uniform:-0.1,0.1").iterator();
        }
    }
}

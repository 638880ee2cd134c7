package lstmsh.command;

import ai.djl.Device;
import ai.djl.engine.Engine;

import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.render.Console;
import lstmsh.util.Format;
import lstmsh.session.Workspace;
import lstmsh.train.MetricPoint;
import lstmsh.util.Messages;
import lstmsh.train.TrainingState;

import picocli.CommandLine.Command;

import java.util.OptionalDouble;
import java.util.stream.Collectors;

@Command(
        name = "status",
        description = "Show what is loaded: corpus, model, device, steps trained, best validation loss, and whether the model has unsaved training.",
        footer = {"", "Example:", "  status"})
public final class StatusCommand extends WorkspaceCommand {

    public StatusCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Console console = workspace.console();
        Corpus corpus = workspace.corpus();
        row("corpus", corpus == null ? "none (corpus load PATH)"
                : String.format("%s: %s %s tokens, vocabulary %d, train %s / validation %s", corpus.source(),
                        Format.count(corpus.size()), corpus.tokenizer().level(), corpus.vocabulary().size(),
                        Format.count(corpus.train().size()), Format.count(corpus.validation().size())));
        LstmLanguageModel model = workspace.model();
        if (model == null) {
            row("model", "none (model new, or load DIR)");
        } else {
            ModelSettings s = model.settings();
            row("model", String.format("embedding %d, LSTM %s, %s parameters, vocabulary %d%s", s.embed(),
                    s.hidden().stream().map(String::valueOf).collect(Collectors.joining(" → ")),
                    Format.count(model.parameterCount()), model.vocabulary().size(),
                    workspace.modelCorpusSource().isEmpty() ? "" : ", built on " + workspace.modelCorpusSource()));
        }
        row("device", device(model));
        TrainingState training = workspace.training();
        if (training != null) {
            row("trained", training.globalStep() + " steps");
            row("best val", Double.isNaN(training.bestValLoss()) ? "-"
                    : String.format("%s nats/token (%s bits) at step %d", Format.loss(training.bestValLoss()),
                            Format.bits(training.bestValLoss()), training.bestValStep()));
            OptionalDouble validation = training.history().stream().mapToDouble(MetricPoint::valLoss)
                    .filter(Double::isFinite).reduce((earlier, later) -> later);
            if (corpus != null && model != null && corpus.vocabulary().equals(model.vocabulary()) && validation.isPresent()) {
                corpus.knownNgramBaseline().ifPresent(b -> row("baselines", b.comparison(validation.getAsDouble())));
            }
            row("unsaved", training.unsaved()
                    ? console.tint(Console.Tone.WARNING, "yes: trained since the last save or load ('save DIR' keeps it)")
                    : "no");
        }
        if (!workspace.variables().isEmpty()) {
            row("variables", workspace.variables().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")));
        }
    }

    private void row(String name, String value) {
        out().printf("  %-10s %s%n", name, value);
    }

    /** Where the model's arrays live, or where a new one would be made. */
    private static String device(LstmLanguageModel model) {
        try {
            Engine engine = EngineSupport.engine();
            Device device = model != null ? model.manager().getDevice() : engine.defaultDevice();
            String name = device.getDeviceType() + (device.isGpu() ? ":" + device.getDeviceId() : "");
            return name + " (" + engine.getEngineName() + " " + engine.getVersion() + ")";
        } catch (RuntimeException e) {
            return "unknown: " + Messages.plain(e, "the engine did not answer");
        }
    }
}

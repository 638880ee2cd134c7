package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.util.AtomicFiles;
import lstmsh.util.Format;
import lstmsh.session.Workspace;
import lstmsh.train.MetricPoint;
import lstmsh.train.RunRecord;
import lstmsh.train.TrainingState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(
        name = "metrics",
        description = "The model's training history: every step's loss, validation loss, learning rate and gradient norm, and every run.",
        subcommands = {MetricsCommand.Show.class, MetricsCommand.Export.class},
        footer = {"", "Example:", "  metrics show --last 5", "  metrics export runs/tales.csv"})
public final class MetricsCommand extends WorkspaceCommand {

    public MetricsCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("metrics needs a subcommand: show or export (see 'help metrics')");
    }

    @Command(name = "show", description = "List the model's training runs and its last steps.",
            footer = {"", "Example:", "  metrics show --last 5"})
    public static final class Show extends WorkspaceCommand {
        @Option(names = "--last", paramLabel = "N", defaultValue = "10", description = "Steps listed (default: ${DEFAULT-VALUE}).")
        int last;

        public Show(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            workspace.requireModel();
            TrainingState t = workspace.training();
            if (t.runs().isEmpty() && t.history().isEmpty()) {
                out().println("no training yet");
                return;
            }
            out().println("runs:");
            for (RunRecord r : t.runs()) {
                // Counted as the live line and the validation lines count: a run's first step is startStep + 1.
                out().printf("  steps %d–%d  %-13s %s  %s tok/s  validation %s  %s%n",
                        Math.min(r.startStep() + 1, r.endStep()), r.endStep(),
                        r.stop(), Format.duration(r.seconds()), Format.count(r.tokensPerSecond()),
                        Format.loss(r.valLoss()), r.settings());
            }
            List<MetricPoint> h = t.history();
            out().printf("  %8s %10s %10s %10s %10s%n", "step", "loss", "val_loss", "lr", "grad_norm");
            for (MetricPoint p : h.subList(Math.max(0, h.size() - Math.max(0, last)), h.size())) {
                out().printf("  %8d %10s %10s %10.3g %10.3f%n", p.step(), Format.loss(p.loss()), Format.loss(p.valLoss()),
                        p.lr(), p.gradNorm());
            }
        }
    }

    @Command(name = "export", description = "Write the history as CSV: step,loss,val_loss,lr,grad_norm (empty where not measured).",
            footer = {"", "Example:", "  metrics export runs/tales.csv"})
    public static final class Export extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "CSV file to write (replaced).")
        Path file;

        public Export(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() throws IOException {
            workspace.requireModel();
            List<MetricPoint> h = workspace.training().history();
            Path target = file.toAbsolutePath();
            if (Files.isDirectory(target)) {
                throw new LstmshException(file + " is a directory; give a file name such as metrics.csv");
            }
            AtomicFiles.write(target, temporary -> {
                try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    w.write("step,loss,val_loss,lr,grad_norm\n");
                    for (MetricPoint p : h) {
                        w.write(p.step() + "," + cell(p.loss()) + "," + cell(p.valLoss()) + "," + cell(p.lr()) + ","
                                + cell(p.gradNorm()) + "\n");
                    }
                }
            });
            out().printf("wrote %s (%d steps)%n", file, h.size());
        }

        static String cell(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.7g", v) : "";
        }
    }
}

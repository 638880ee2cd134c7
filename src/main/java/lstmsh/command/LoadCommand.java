package lstmsh.command;

import lstmsh.checkpoint.Checkpoint;
import lstmsh.model.Compatibility;
import lstmsh.session.Workspace;
import lstmsh.train.TrainingState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(
        name = "load",
        description = {
            "Restore a checkpoint written by 'save'; the current model is replaced only if",
            "it loads. Training continues exactly where it stopped: optimizer state, step,",
            "data position, carried LSTM state, schedule counters, seed and best weights.",
            "At the prompt, a model with unsaved training is asked about before it goes."
        },
        footer = {"", "Example:", "  load checkpoints/tales"})
public final class LoadCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "Checkpoint directory.")
    Path dir;

    public LoadCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Checkpoint.Loaded loaded = Checkpoint.load(dir);
        if (!workspace.mayReplaceModel("load " + dir)) {
            loaded.training().close();
            loaded.model().close();
            return;
        }
        workspace.setModel(loaded.model(), loaded.training(), loaded.corpusSource());
        TrainingState t = loaded.training();
        out().printf("loaded %s (trained %d steps%s)%n", dir, t.globalStep(),
                loaded.corpusSource().isEmpty() ? "" : " on " + loaded.corpusSource());
        ModelCommand.describe(workspace, false);
        if (t.globalStep() > 0) {
            out().printf("  resumes at batch %d of the data (%s), %s with %d updates, seed %d%s%n", t.window(),
                    t.dataShape().isEmpty() ? "no layout yet" : t.dataShape(), t.optimizer().kind().label(),
                    t.optimizer().updates(), t.seed(), t.carried() != null ? ", carried LSTM state" : "");
        }
        var corpus = workspace.corpus();
        if (corpus != null) {
            String problem = Compatibility.problem(loaded.model(), loaded.corpusSource(), corpus.tokenizer(),
                    corpus.vocabulary(), corpus.source());
            if (problem != null) {
                out().println("note: " + problem);
            }
        }
        workspace.figures().put("train.global_step", t.globalStep());
    }
}

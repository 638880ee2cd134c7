package lstmsh.command;

import lstmsh.model.Checkpoint;
import lstmsh.shell.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(
        name = "load",
        description = "Restore a checkpoint written by 'save'; the current model is replaced only if it loads.",
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
        workspace.setModel(loaded.model(), loaded.training(), loaded.corpusSource());
        out().printf("loaded %s (trained %d steps%s)%n", dir, loaded.training().globalStep(),
                loaded.corpusSource().isEmpty() ? "" : " on " + loaded.corpusSource());
        ModelCommand.describe(workspace, false);
        var corpus = workspace.corpus();
        if (corpus != null && !corpus.vocabulary().equals(loaded.model().vocabulary())) {
            out().printf("note: the loaded corpus (%s) has another vocabulary; load the model's corpus to train it%n",
                    corpus.source());
        }
    }
}

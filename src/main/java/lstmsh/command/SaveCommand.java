package lstmsh.command;

import lstmsh.checkpoint.Checkpoint;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(
        name = "save",
        description = {
            "Write a checkpoint directory: parameters, optimizer state, settings, vocabulary and training history.",
            "It is written beside DIR and renamed into place, so an interrupted save never damages an older checkpoint."
        },
        footer = {"", "Example:", "  save checkpoints/tales"})
public final class SaveCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "Checkpoint directory (created or replaced).")
    Path dir;

    public SaveCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        var model = workspace.requireModel();
        Path missing = OutputFiles.missingFolder(dir);
        Checkpoint.save(dir, model, workspace.training(), workspace.modelCorpusSource());
        out().printf("saved to %s (step %d)%s%n", dir, workspace.training().globalStep(), OutputFiles.createdNote(missing));
    }
}

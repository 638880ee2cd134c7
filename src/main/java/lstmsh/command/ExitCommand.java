package lstmsh.command;

import lstmsh.session.Workspace;

import picocli.CommandLine.Command;

@Command(
        name = "exit",
        aliases = "quit",
        description = {
            "Leave the shell (Ctrl-D does the same); in a session file, stop the run.",
            "If the model has trained since it was last saved, the interactive shell asks once before leaving."
        },
        footer = {"", "Example:", "  exit"})
public final class ExitCommand extends WorkspaceCommand {

    public ExitCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        workspace.requestExit();
    }
}

package lstmsh.command;

import lstmsh.shell.Workspace;

import picocli.CommandLine.Command;

@Command(name = "exit", aliases = "quit", description = "Leave the shell (Ctrl-D does the same).")
public final class ExitCommand extends WorkspaceCommand {

    public ExitCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        workspace.requestExit();
    }
}

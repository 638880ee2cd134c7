package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.shell.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        description = {
            "Run a session file: one command per line, '#' starts a comment, blank lines are skipped.",
            "It stops at the first failing line and reports FILE:LINE: message. A nested run resolves its path against the including file."
        },
        footer = {"", "Example:", "  run sessions/quickstart.lstm"})
public final class RunCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The .lstm session file.")
    String file;

    public RunCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        if (!workspace.runner().runFile(file)) {
            throw new LstmshException.Reported("session " + file + " failed");
        }
    }
}

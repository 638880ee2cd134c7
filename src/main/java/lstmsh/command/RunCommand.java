package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

@Command(
        name = "run",
        description = {
            "Run a session file: one command per line, '#' starts a comment, blank lines are skipped, $${NAME} is replaced by a variable (see 'help set').",
            "It stops at the first failing line and reports FILE:LINE: message; with --keep-going it reports every failing line and goes on.",
            "Relative paths on a file's lines (corpora, checkpoints, pictures, files to run) are read against the file's folder,"
                    + " whatever folder the shell started in; a file that runs itself, directly or not, is refused.",
            "Each file ends with one line: passed, failed at a line, or which lines failed."
        },
        footer = {"", "Example:", "  run sessions/quickstart.lstm", "  run sessions/quickstart.lstm --keep-going -D STEPS=50"})
public final class RunCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The .lstm session file.")
    String file;

    @Option(names = "--keep-going", description = "Run past failing lines; the run fails at the end if any line failed (default: off, or as the including run).")
    boolean keepGoing;

    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Set a variable before the run, as 'set NAME VALUE' does (default: none).")
    Map<String, String> defines;

    public RunCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        // A nested run parses into this same object: read the options before running.
        String path = file;
        boolean keep = keepGoing;
        if (defines != null) {
            defines.forEach((name, value) -> SetCommand.define(workspace.variables(), name, value));
        }
        if (!workspace.runner().runFile(path, keep)) {
            throw new LstmshException.Reported("session " + path + " failed");
        }
    }
}

package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(
        name = "history",
        description = {
            "Show the last commands typed, oldest first, numbered from the start of the history.",
            "The shell keeps them across sessions in ~/.lstmsh/history; Up and Ctrl-R recall them."
        },
        footer = {"", "Example:", "  history", "  history 50"})
public final class HistoryCommand extends WorkspaceCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", defaultValue = "20",
            description = "How many of the latest commands to show (default: ${DEFAULT-VALUE}).")
    int count;

    public HistoryCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        if (count < 1) {
            throw new LstmshException("history N needs N of at least 1, got " + count);
        }
        List<String> lines = workspace.history();
        int from = Math.max(0, lines.size() - count);
        int digits = String.valueOf(lines.size()).length();
        for (int i = from; i < lines.size(); i++) {
            out().printf("%" + digits + "d  %s%n", i + 1, lines.get(i));
        }
    }
}

package lstmsh.command;

import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "echo", description = "Print a note, e.g. in a session's output.",
        footer = {"", "Example:", "  echo --- training the small model ---"})
public final class EchoCommand extends WorkspaceCommand {

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Words to print.")
    List<String> words = List.of();

    public EchoCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        out().println(String.join(" ", words));
    }
}

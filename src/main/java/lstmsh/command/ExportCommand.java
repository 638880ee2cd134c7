package lstmsh.command;

import lstmsh.session.Workspace;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;

@Command(
        name = "export",
        description = "Write the model in another framework's format.",
        subcommands = {ExportKerasCommand.class},
        footer = {"", "Example:", "  export keras out/tales.weights.h5"})
public final class ExportCommand extends WorkspaceCommand {

    public ExportCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("export needs a subcommand: keras (see 'help export')");
    }
}

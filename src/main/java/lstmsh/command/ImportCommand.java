package lstmsh.command;

import lstmsh.session.Workspace;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;

@Command(
        name = "import",
        description = "Build a model from another framework's weights.",
        subcommands = {ImportKerasCommand.class},
        footer = {"", "Example:", "  import keras char_model.keras --vocab vocab.json"})
public final class ImportCommand extends WorkspaceCommand {

    public ImportCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("import needs a subcommand: keras (see 'help import')");
    }
}

package lstmsh.command;

import lstmsh.session.Workspace;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;

@Command(
        name = "import",
        description = {"Build an lstmsh model from another framework's trained weights, to sample, score, inspect,",
            "diagnose, fine-tune and save it. The current model is replaced only if the import succeeds."},
        subcommands = {ImportPytorchCommand.class, ImportKerasCommand.class},
        footer = {"", "Example:", "  import pytorch model.safetensors --vocab vocab.json",
                "  import keras char_model.keras --vocab vocab.json"})
public final class ImportCommand extends WorkspaceCommand {

    public ImportCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("import needs a subcommand: pytorch or keras (see 'help import')");
    }
}

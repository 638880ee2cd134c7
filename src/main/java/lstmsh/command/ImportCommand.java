package lstmsh.command;

import lstmsh.model.Compatibility;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;
import lstmsh.train.TrainingState;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;

import java.util.List;

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

    /**
     * Puts an imported model in place of the current one (after asking about unsaved training) and
     * describes it; {@code imported} is the first line to print, {@code notes} follow it.
     */
    static void install(Workspace workspace, LstmLanguageModel model, String commandLine, String imported,
            List<String> notes) {
        if (!workspace.mayReplaceModel(commandLine)) {
            model.close();
            return;
        }
        workspace.setModel(model, new TrainingState(model.manager()), "");
        workspace.out().println(imported);
        notes.forEach(note -> workspace.out().println("note: " + note));
        ModelCommand.describe(workspace, false);
        var corpus = workspace.corpus();
        if (corpus != null) {
            String problem = Compatibility.problem(model, "", corpus.tokenizer(), corpus.vocabulary(), corpus.source());
            if (problem != null) {
                workspace.out().println("note: " + problem);
            }
        }
    }
}

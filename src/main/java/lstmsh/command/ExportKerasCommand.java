package lstmsh.command;

import lstmsh.interop.KerasExport;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(
        name = "keras",
        description = {
            "Write the model as Keras 3 weights.",
            "The .weights.h5 file gets the weights, NAME.vocab.json beside it the vocabulary;",
            "prints the Python that builds the matching Keras model (Embedding → LSTM … → Dense) and loads them.",
            "Keras has one bias per LSTM: it gets the sum of lstmsh's two."
        },
        footer = {"", "Example:", "  export keras out/tales.weights.h5"})
public final class ExportKerasCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The weights file to write (replaced); its name ends in .weights.h5.")
    Path file;

    public ExportKerasCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Path missing = OutputFiles.missingFolder(file);
        KerasExport.Written written = KerasExport.write(workspace.requireModel(), file);
        out().printf("wrote %s and %s%s%n", written.weights(), written.vocabulary(), OutputFiles.createdNote(missing));
        out().println("in Python (keras 3):");
        written.python().forEach(line -> out().println("  " + line));
    }
}

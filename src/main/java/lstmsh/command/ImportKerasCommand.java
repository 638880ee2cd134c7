package lstmsh.command;

import lstmsh.interop.KerasImport;
import lstmsh.interop.ModelImport;
import lstmsh.interop.VocabularyFile;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

@Command(
        name = "keras",
        description = {
            "Build a model from a Keras 3 file.",
            "The file is a .keras (model.save) or .weights.h5 (model.save_weights) of an",
            "Embedding → LSTM … → Dense model. Keras' kernels are transposed to PyTorch's layout (gates",
            "i, f, c, o are PyTorch's i, f, g, o); Dropout layers are passed over. The current model is",
            "replaced only if the import succeeds; at the prompt, a model with unsaved training is asked",
            "about before it goes."
        },
        footer = {"", "Example:", "  import keras char_model.keras --vocab vocab.json",
                "  import keras lm.weights.h5 --vocab tokens.txt --level word"})
public final class ImportKerasCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The .keras or .weights.h5 file.")
    Path file;

    @Option(names = "--vocab", required = true, paramLabel = "FILE",
            description = "The tokens in id order: one per line, a JSON list, or a JSON {token: id} map.")
    Path vocab;

    @Option(names = "--level", paramLabel = "char|word",
            description = "How text splits into the tokens (default: char when every token is one character, else word).")
    String level;

    public ImportKerasCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        List<String> tokens = VocabularyFile.read(vocab);
        KerasImport.Converted converted = KerasImport.read(file, tokens.size());
        LstmLanguageModel model = ModelImport.build(converted.stateDict(), tokens, level, "");
        ImportCommand.install(workspace, model, "import keras " + file,
                String.format("imported %s (%d tokens, %s level)", file, tokens.size(), model.tokenizer().level()),
                converted.notes());
    }
}

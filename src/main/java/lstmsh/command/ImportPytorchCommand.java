package lstmsh.command;

import lstmsh.interop.PytorchImport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(
        name = "pytorch",
        description = {
            "Import a PyTorch nn.Embedding → nn.LSTM → nn.Linear model from its state_dict saved with",
            "safetensors (save_file(model.state_dict(), ...)). The shapes give the embedding width, each",
            "layer's hidden size and tying; the names may be embedding/encoder/embed, lstm/rnn,",
            "decoder/fc/linear/out (a DataParallel 'module.' prefix is dropped); --map renames the rest.",
            "Layers of different sizes are separate nn.LSTMs in an nn.ModuleList: lstm.0.*, lstm.1.* ...",
            "At the prompt, a model with unsaved training is asked about before it goes."
        },
        footer = {"", "Example:", "  import pytorch model.safetensors --vocab vocab.json",
            "  import pytorch char_rnn.safetensors --vocab chars.txt --level char --map my_rnn=lstm"})
public final class ImportPytorchCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The state_dict as a .safetensors file.")
    Path weights;

    @Option(names = "--vocab", paramLabel = "FILE", required = true,
            description = "The tokens in id order: one per line (\\n, \\t for newline, tab), a JSON list or a"
                    + " JSON {token: id} map.")
    Path vocabulary;

    @Option(names = "--level", paramLabel = "char|word", completionCandidates = Levels.class,
            description = "Token level (default: char when every token is one character, else word).")
    String level;

    @Option(names = "--map", paramLabel = "OLD=NEW",
            description = "Rename tensors named OLD or OLD.* to NEW (repeatable), e.g. --map my_rnn=lstm.")
    List<String> maps = new ArrayList<>();

    public ImportPytorchCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        PytorchImport.Imported imported = PytorchImport.load(weights, vocabulary, level, maps);
        LstmLanguageModel model = imported.model();
        ImportCommand.install(workspace, model, "import pytorch " + weights,
                String.format("imported %s (%d tokens, %s level)%s", weights, model.vocabulary().size(),
                        model.tokenizer().level(), imported.renames().isEmpty() ? ""
                                : "; renamed " + String.join(", ", imported.renames())),
                List.of());
    }

    /** --level for Tab. */
    static final class Levels implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("char", "word").iterator();
        }
    }
}

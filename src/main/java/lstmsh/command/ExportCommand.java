package lstmsh.command;

import lstmsh.interop.PytorchExport;
import lstmsh.session.Workspace;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(
        name = "export",
        description = "Write the model for another framework.",
        subcommands = {ExportCommand.Pytorch.class, ExportKerasCommand.class},
        footer = {"", "Examples:", "  export pytorch exported/tales", "  export keras out/tales.weights.h5"})
public final class ExportCommand extends WorkspaceCommand {

    public ExportCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("export needs a subcommand: pytorch or keras (see 'help export')");
    }

    @Command(
            name = "pytorch",
            description = {
                "Write DIR/model.safetensors (the state_dict: embedding.weight, lstm.weight_ih_l0 ...,",
                "decoder.weight, decoder.bias), vocab.json (the tokens in id order), check.safetensors",
                "(lstmsh's logits, h_n and c_n for a probe sequence) and README.md with the Python that",
                "rebuilds the nn.Module, loads the weights and compares its logits with lstmsh's."
            },
            footer = {"", "Example:", "  export pytorch exported/tales"})
    public static final class Pytorch extends WorkspaceCommand {

        @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write (created if needed).")
        Path dir;

        public Pytorch(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            var model = workspace.requireModel();
            Path missing = OutputFiles.missingFolder(dir);
            PytorchExport.Report report = PytorchExport.write(dir, model);
            out().printf("exported to %s: %s%s%n", dir, String.join(", ",
                    report.files().stream().map(f -> f.getFileName().toString()).toList()),
                    OutputFiles.createdNote(missing));
            out().printf("in Python: the code in %s rebuilds the module and checks it%n",
                    dir.resolve(PytorchExport.README));
        }
    }
}

package lstmsh.command;

import lstmsh.inspect.LstmProbe;
import lstmsh.inspect.StateInspection;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "state",
        description = "Run TEXT through the model and show the output sequence, h_n and c_n with their shapes and"
                + " norms. The output holds the top layer's h at every step, so its last step equals the top"
                + " layer's h_n; lower layers' h_n are their own final states, passed up as the next layer's"
                + " input, not to the output.",
        footer = {"", "Example:", "  inspect state \"It was a windy evening\""})
public final class InspectStateCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "TEXT", description = "Input text (\\n understood).")
    String text;

    public InspectStateCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        StateInspection.Report r = StateInspection.of(LstmProbe.run(model, InspectCommand.knownIds(workspace, model, text)));
        int layers = r.layers().size();
        out().printf("output sequence: (batch 1, steps %d, hidden %d)   the top layer's h at every step%n",
                r.steps(), r.topHidden());
        if (r.uniform()) {
            out().printf("h_n and c_n:     (layers %d, batch 1, hidden %d) each   every layer's state after the last step%n",
                    layers, r.topHidden());
        } else {
            out().println("h_n and c_n:     one (1, batch 1, hidden) pair per layer, sizes differ by layer");
        }
        out().println("  layer  hidden   |h_n|     |c_n|   max|h_n - output[-1]|");
        for (StateInspection.Layer l : r.layers()) {
            String diff = l.hidden() != r.topHidden() ? "(other size)" : String.format("%.3g", l.diffFromOutput());
            out().printf("  %5d  %6d  %7.4f  %8.4f   %s%s%n", l.index(), l.hidden(), l.hNorm(), l.cNorm(), diff,
                    l.index() == layers - 1 ? "   <- top layer: output[-1] is this h_n" : "");
        }
        out().printf("check: output at the last step equals the top layer's h_n (max difference %.3g)%n",
                r.outputHnDiff());
        if (layers > 1) {
            out().println("each layer keeps its own h and c; a layer's h sequence is the next layer's input."
                    + " Inputs of different lengths need masking, or padding leaks into h_n.");
        }
        workspace.figures().put("inspect.output_hn_diff", r.outputHnDiff());
        if (!Double.isNaN(r.lowerHnDiff())) {
            workspace.figures().put("inspect.lower_hn_diff", r.lowerHnDiff());
        }
    }
}

package lstmsh.command;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.inspect.CorpusWindows;
import lstmsh.inspect.GateInspection;
import lstmsh.inspect.LstmProbe;
import lstmsh.inspect.LstmProbe.Gate;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.HeatMap;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

@Command(
        name = "gates",
        description = "Recompute the input, forget and output gates and the cell candidate of every layer from"
                + " the weights, check them against the fused LSTM's h and c, and show how many sit saturated (a"
                + " gate below " + GateInspection.GATE_MARGIN + " or above " + (1 - GateInspection.GATE_MARGIN)
                + ", a tanh unit beyond ±" + GateInspection.TANH_LIMIT + "). --summary: the saturation table of"
                + " Karpathy et al. (2015) on validation windows of the corpus, per layer and gate the share of time"
                + " below " + GateInspection.LEFT + " and above " + GateInspection.RIGHT + ". SATURATED_GATES when a"
                + " layer's gates are saturated more than " + (int) (100 * GateInspection.SATURATED_SHARE_LIMIT)
                + "%% of the time.",
        footer = {"", "Example:", "  inspect gates \"Chapter 1\\nThe Secret Shell\" --gate forget --layer 0 --png gates.png",
            "  inspect gates --summary"})
public final class InspectGatesCommand extends WorkspaceCommand {

    /** Rows of the terminal heat map; longer inputs show evenly chosen steps. */
    private static final int HEAT_MAP_ROWS = 40;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "Input text (\\n understood).")
    String text;

    @Option(names = "--summary", description = "Only the saturation table, on " + CorpusWindows.COUNT
            + " validation windows of " + CorpusWindows.LENGTH + " tokens of the loaded corpus.")
    boolean summary;

    @Option(names = "--gate", paramLabel = "GATE", completionCandidates = GateNames.class,
            description = "Gate for the heat map: input, forget, output, candidate, cell or h"
                    + " (default: ${DEFAULT-VALUE}).")
    String gate = Gate.FORGET.word();

    @Option(names = "--layer", paramLabel = "N", defaultValue = "0", description = "Layer for the heat map (default: ${DEFAULT-VALUE}).")
    int layer;

    @Option(names = "--png", paramLabel = "FILE", description = "Also write the layer's four gates as a PNG picture.")
    Path png;

    public InspectGatesCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() throws IOException {
        if (png != null) {
            OutputFiles.requireFileTarget(png, "--png");
        }
        LstmLanguageModel model = workspace.requireModel();
        if (summary) {
            summarize(model);
            return;
        }
        if (text == null) {
            throw new LstmshException("give the TEXT to run through the model, or --summary for the saturation table");
        }
        if (layer < 0 || layer >= model.settings().layers()) {
            throw new LstmshException("--layer must be between 0 and " + (model.settings().layers() - 1) + ", got " + layer);
        }
        Gate shown = Gate.parse(gate);
        int[] tokens = InspectCommand.knownIds(workspace, model, text);
        LstmProbe.Result probe = LstmProbe.run(model, tokens);
        LstmProbe.LayerTrace trace = probe.layers().get(layer);
        GateInspection.Report r = GateInspection.of(probe);
        out().println("  layer  mean i  mean f  mean o  mean g   saturated gates  saturated tanh");
        for (GateInspection.Layer l : r.layers()) {
            out().printf("  %5d  %6.3f  %6.3f  %6.3f  %6.3f   %14.1f%%  %13.1f%%%n", l.index(), l.meanInput(),
                    l.meanForget(), l.meanOutput(), l.meanCandidate(), 100 * l.saturatedGates(), 100 * l.saturatedTanh());
        }
        out().printf("recomputed from the weights: max difference from the fused LSTM's h and c %.2g (%s)%n",
                r.recomputationError(), r.matchesFused() ? "match" : "MISMATCH");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            labels.add(String.format("%3d %s", i, Vocabulary.display(model.vocabulary().token(tokens[i]))));
        }
        out().printf("%s of layer %d, one row per step, one column per group of units (' ' = low, '@' = high):%n",
                gate, layer);
        int columns = Math.min(64, workspace.console().width() - 20);
        for (String line : HeatMap.text(trace.shaded(shown), labels, HEAT_MAP_ROWS, columns)) {
            out().println("  " + line);
        }
        if (png != null) {
            Path missing = OutputFiles.missingFolder(png);
            try {
                HeatMap.png(png, "gates of layer " + layer + ", one row per step (its token), one column per unit",
                        List.of("input (i)", "forget (f)", "candidate (g + 1) / 2", "output (o)"),
                        List.of(trace.shaded(Gate.INPUT), trace.shaded(Gate.FORGET), trace.shaded(Gate.CANDIDATE),
                                trace.shaded(Gate.OUTPUT)), labels);
            } catch (IOException e) {
                throw new LstmshException("cannot write " + png + ": " + FileErrors.reason(e));
            }
            out().printf("wrote %s (layer %d: rows are steps, columns are units)%s%n", png, layer,
                    OutputFiles.createdNote(missing));
        }
        List<Finding> findings = r.findings(workspace.training().history());
        FindingsView.print(out(), findings);
        if (!r.matchesFused()) {
            throw new LstmshException("recomputed gates differ from the fused LSTM by " + r.recomputationError());
        }
        workspace.figures().put("inspect.saturated_share", r.saturatedShare());
        workspace.figures().put("inspect.recompute_error", r.recomputationError());
        workspace.figures().setWarnings(FindingsView.codes(findings));
    }

    private void summarize(LstmLanguageModel model) {
        if (text != null) {
            throw new LstmshException("give TEXT or --summary, not both");
        }
        Corpus corpus = workspace.requireCorpus();
        if (!corpus.vocabulary().equals(model.vocabulary()) || corpus.size() <= CorpusWindows.LENGTH + 1) {
            throw new LstmshException("--summary needs the model's corpus, longer than " + CorpusWindows.LENGTH
                    + " tokens; load it with 'corpus load PATH'");
        }
        List<int[]> windows = CorpusWindows.validation(corpus, CorpusWindows.COUNT, CorpusWindows.LENGTH, CorpusWindows.SEED);
        GateInspection.SaturationTable table = GateInspection.saturation(
                windows.stream().map(w -> LstmProbe.run(model, w)).toList(),
                windows.size() + " validation windows of " + CorpusWindows.LENGTH + " tokens");
        FindingsView.print(out(), table);
        List<Finding> findings = table.findings(workspace.training().history());
        FindingsView.print(out(), findings);
        double worst = 0;
        for (int l = 0; l < table.layers(); l++) {
            worst = Math.max(worst, table.layerShare(l));
        }
        workspace.figures().put("inspect.saturated_share", worst);
        workspace.figures().setWarnings(FindingsView.codes(findings));
    }

    static final class GateNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Gate.words().iterator();
        }
    }
}

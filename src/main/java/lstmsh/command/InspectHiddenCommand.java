package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.finding.Finding;
import lstmsh.inspect.CorpusWindows;
import lstmsh.inspect.HiddenInspection;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;
import lstmsh.util.Texts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(
        name = "hidden",
        description = "Compare the final hidden states of several inputs: cosine similarity between them, the"
                + " spread of each unit, and how far back a changed token still moves h_n. HIDDEN_COLLAPSE when"
                + " every two of the top layer's final states differ by less than "
                + (int) (100 * HiddenInspection.COLLAPSE_DISTANCE) + "%% of their size.",
        footer = {"", "Example:", "  inspect hidden \"the cat is sleeping\" \"a dog is barking\" \"bird is flying\"",
                "  inspect hidden --from-corpus 8 --length 120"})
public final class InspectHiddenCommand extends WorkspaceCommand {

    /** Rows and columns of the similarity matrix shown; the figures cover every input. */
    private static final int SHOWN = 12;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Inputs to compare (two or more).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--from-corpus", paramLabel = "N", description = "Use N windows drawn from the loaded corpus instead.")
    int fromCorpus;

    @Option(names = "--length", paramLabel = "L", defaultValue = "" + CorpusWindows.LENGTH,
            description = "Tokens per window with --from-corpus (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + CorpusWindows.SEED,
            description = "Seed of the windows (default: ${DEFAULT-VALUE}).")
    long seed;

    public InspectHiddenCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        List<int[]> inputs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (fromCorpus > 0) {
            if (!texts.isEmpty()) {
                throw new LstmshException("give TEXT inputs or --from-corpus, not both");
            }
            Corpus corpus = workspace.requireCorpus();
            if (!corpus.vocabulary().equals(model.vocabulary())) {
                throw new LstmshException("the loaded corpus has another vocabulary than the model; load the model's corpus");
            }
            List<CorpusWindows.Window> windows = CorpusWindows.pick(corpus, fromCorpus, length, seed);
            for (int i = 0; i < windows.size(); i++) {
                inputs.add(windows.get(i).tokens());
                labels.add("#" + (i + 1) + " @" + windows.get(i).start());
            }
        } else {
            for (String t : texts) {
                inputs.add(InspectCommand.knownIds(workspace, model, t));
                labels.add(Texts.quoteShort(t, 20));
            }
        }
        if (inputs.size() < 2) {
            throw new LstmshException("give at least two inputs (or --from-corpus N with N >= 2)");
        }
        HiddenInspection.Report r = HiddenInspection.of(model, inputs);
        HiddenInspection.LayerSimilarity top = r.top();
        out().printf("cosine similarity of the top layer's final h for %d inputs:%n", r.inputs());
        int shown = Math.min(SHOWN, r.inputs());
        for (int a = 0; a < shown; a++) {
            StringBuilder row = new StringBuilder(String.format("  %-22s", labels.get(a)));
            for (int b = 0; b < shown; b++) {
                row.append(String.format(" %5.2f", top.cosine()[a][b]));
            }
            out().println(row);
        }
        out().println("  layer  max sim  mean sim  mean unit variance  largest difference");
        for (HiddenInspection.LayerSimilarity l : r.layers()) {
            out().printf("  %5d  %7.3f  %8.3f  %18.3g  %17.2f%%%n", l.layer(), l.maxSimilarity(), l.meanSimilarity(),
                    l.meanUnitVariance(), 100 * l.maxRelativeDistance());
        }
        out().print("dependence of h_n on the token k steps before the end (relative change):");
        for (HiddenInspection.Dependence d : r.dependence()) {
            out().printf("  k=%d: %.3f", d.stepsBack(), d.relativeChange());
        }
        out().println();
        out().printf("h_n still depends on tokens up to %d steps back (change ≥ %.0f%%)%n", r.memoryHorizon(),
                100 * HiddenInspection.DEPENDENCE_FLOOR);
        List<Finding> findings = r.findings();
        FindingsView.print(out(), findings);
        workspace.figures().put("inspect.max_similarity", top.maxSimilarity());
        workspace.figures().put("inspect.mean_similarity", top.meanSimilarity());
        workspace.figures().put("inspect.max_difference", top.maxRelativeDistance());
        workspace.figures().put("inspect.memory_horizon", r.memoryHorizon());
        workspace.figures().setWarnings(FindingsView.codes(findings));
    }
}

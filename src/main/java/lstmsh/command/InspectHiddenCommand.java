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
import java.util.Locale;

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
    /** Characters of each corpus window's end shown. */
    private static final int WINDOW_TEXT = 50;

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
            out().println("windows (token position in the corpus: the end of the text, which h_n depends on most):");
            for (int i = 0; i < windows.size(); i++) {
                int[] tokens = windows.get(i).tokens();
                inputs.add(tokens);
                labels.add("#" + (i + 1));
                String text = model.tokenizer().text(model.vocabulary(), tokens, 0, tokens.length);
                String shown = Texts.visible(text);
                out().printf("  #%d @%d: \"%s%s\"%n", i + 1, windows.get(i).start(),
                        shown.length() > WINDOW_TEXT ? "..." : "", shown.substring(Math.max(0, shown.length() - WINDOW_TEXT)));
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
        out().printf("distance between the top layer's final h for %d inputs, %% of their size"
                + " (‖a − b‖ / mean of ‖a‖, ‖b‖; collapsed when every pair is under %.0f%%):%n", r.inputs(),
                100 * HiddenInspection.COLLAPSE_DISTANCE);
        int shown = Math.min(SHOWN, r.inputs());
        for (int a = 0; a < shown; a++) {
            StringBuilder row = new StringBuilder(String.format("  %-22s", labels.get(a)));
            for (int b = 0; b < shown; b++) {
                row.append(String.format(Locale.ROOT, " %7s", percent(top.distance()[a][b])));
            }
            out().println(row);
        }
        out().println("  layer  nearest pair  farthest pair  max cosine  mean cosine  mean unit variance");
        for (HiddenInspection.LayerSimilarity l : r.layers()) {
            out().printf(Locale.ROOT, "  %5d  %12s  %13s  %10.4f  %11.4f  %18.3g%n", l.layer(),
                    percent(l.minRelativeDistance()), percent(l.maxRelativeDistance()), l.maxSimilarity(),
                    l.meanSimilarity(), l.meanUnitVariance());
        }
        out().println("  (cosine compares direction only: states pointing the same way have a cosine near 1 even when"
                + " they differ by tens of percent; the distance is what tells the inputs apart)");
        out().print("dependence of h_n on the token k steps before the end (relative change):");
        for (HiddenInspection.Dependence d : r.dependence()) {
            out().printf("  k=%d: %.3f", d.stepsBack(), d.relativeChange());
        }
        out().println();
        out().printf("h_n still depends on tokens up to %d step%s back (change ≥ %.0f%%)%n", r.memoryHorizon(),
                r.memoryHorizon() == 1 ? "" : "s",
                100 * HiddenInspection.DEPENDENCE_FLOOR);
        List<Finding> findings = r.findings();
        FindingsView.print(out(), findings);
        workspace.figures().put("inspect.max_similarity", top.maxSimilarity());
        workspace.figures().put("inspect.mean_similarity", top.meanSimilarity());
        workspace.figures().put("inspect.max_difference", top.maxRelativeDistance());
        workspace.figures().put("inspect.memory_horizon", r.memoryHorizon());
        workspace.figures().setWarnings(FindingsView.codes(findings));
    }

    /** A distance as a percentage with as many decimals as small values need to differ from 0. */
    private static String percent(double share) {
        double p = 100 * share;
        return String.format(Locale.ROOT, p == 0 ? "0%%" : p < 0.1 ? "%.3f%%" : p < 10 ? "%.2f%%" : "%.1f%%", p);
    }
}

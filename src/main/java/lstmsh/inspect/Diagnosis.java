package lstmsh.inspect;

import lstmsh.finding.FindingCode;

import lstmsh.finding.Finding;
import lstmsh.corpus.Corpus;
import lstmsh.finding.Finding.Severity;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.MetricPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs every check that applies to what is loaded and orders the findings by severity. Each
 * part is optional: no corpus, no model or no history just means fewer checks.
 */
public final class Diagnosis {

    /** Windows of the corpus run through the model for the hidden-state and gate checks. */
    public static final int WINDOWS = 8;
    public static final int WINDOW_LENGTH = 100;

    private Diagnosis() {}

    /**
     * @param corpus the loaded corpus, or null
     * @param model the model, or null
     * @param history the model's training history (empty when untrained)
     * @param corpusFindings findings about the corpus computed by the corpus checks
     * @param sampleFindings findings raised by the last samples
     */
    public record Input(
            Corpus corpus,
            LstmLanguageModel model,
            List<MetricPoint> history,
            List<Finding> corpusFindings,
            List<Finding> sampleFindings) {}

    public static List<Finding> run(Input input) {
        List<Finding> findings = new ArrayList<>(input.corpusFindings());
        Corpus corpus = input.corpus();
        LstmLanguageModel model = input.model();
        boolean sameVocabulary = corpus != null && model != null && corpus.vocabulary().equals(model.vocabulary());
        double entropyBits = corpus != null ? corpus.stats().unigramEntropyBits() : Double.NaN;
        if (model != null) {
            findings.addAll(ModelChecks.check(model, Double.isNaN(entropyBits) ? Math.log(model.vocabulary().size()) / Math.log(2) : entropyBits));
            findings.addAll(TrainingChecks.check(input.history(),
                    sameVocabulary ? corpus.stats().unigramEntropyNats() : Double.NaN));
        }
        if (sameVocabulary && corpus.size() > WINDOW_LENGTH + 1) {
            findings.addAll(stateChecks(model, corpus));
        }
        findings.addAll(input.sampleFindings());
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return findings;
    }

    /** How many findings rank above info: the figure a healthy model keeps at zero. */
    public static int serious(List<Finding> findings) {
        return (int) findings.stream().filter(f -> f.severity() != Severity.INFO).count();
    }

    private static List<Finding> stateChecks(LstmLanguageModel model, Corpus corpus) {
        List<int[]> windows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        int length = Math.min(WINDOW_LENGTH, corpus.size() - 1);
        for (int i = 0; i < WINDOWS; i++) {
            int start = random.nextInt(corpus.size() - length);
            int[] w = new int[length];
            for (int t = 0; t < length; t++) {
                w[t] = corpus.tokens().get(start + t);
            }
            windows.add(w);
        }
        List<Finding> out = new ArrayList<>();
        HiddenInspection.Report hidden = HiddenInspection.of(model, windows);
        if (hidden.collapsed()) {
            out.add(Finding.warning(FindingCode.HIDDEN_COLLAPSE,
                    String.format("final hidden states of %d corpus windows are nearly identical (no two differ by"
                            + " more than %.2f%% of their size, mean cosine %.3f); h_n depends on at most the last %d"
                            + " tokens", WINDOWS, 100 * hidden.top().maxRelativeDistance(), hidden.top().meanSimilarity(),
                            hidden.memoryHorizon()),
                    "inspect hidden --from-corpus 8, then model new --hidden 256 --init xavier and train"));
        }
        GateInspection.Report gates = GateInspection.of(LstmProbe.run(model, windows.get(0)));
        if (gates.saturated()) {
            out.add(Finding.warning(FindingCode.SATURATED_GATES,
                    String.format("%.0f%% of gate and tanh activations on a corpus window are saturated (limit %.0f%%)",
                            100 * gates.saturatedShare(), 100 * GateInspection.SATURATED_SHARE_LIMIT),
                    "train with a lower --lr and --clip 1, or model new with a smaller --init scale"));
        }
        return out;
    }
}

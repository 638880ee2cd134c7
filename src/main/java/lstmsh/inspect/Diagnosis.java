package lstmsh.inspect;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.NgramBaseline;
import lstmsh.finding.Finding;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.MetricPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every check that applies to what is loaded and orders the findings by severity. Each
 * part is optional: no corpus, no model or no history just means fewer checks.
 */
public final class Diagnosis {

    private Diagnosis() {}

    /**
     * @param corpus the loaded corpus, or null
     * @param model the model, or null
     * @param history the model's training history (empty when untrained)
     * @param sampleFindings findings raised by the last samples
     */
    public record Input(Corpus corpus, LstmLanguageModel model, List<MetricPoint> history, List<Finding> sampleFindings) {}

    /** The findings, most severe first. */
    public record Report(List<Finding> findings) {

        /** How many findings rank above info: the figure a healthy model keeps at zero. */
        public int serious() {
            return (int) findings.stream().filter(Finding::serious).count();
        }
    }

    public static Report run(Input input) {
        Corpus corpus = input.corpus();
        LstmLanguageModel model = input.model();
        List<Finding> findings = new ArrayList<>(corpus == null ? List.of() : CorpusTailCheck.check(corpus));
        boolean sameVocabulary = corpus != null && model != null && corpus.vocabulary().equals(model.vocabulary());
        if (model != null) {
            double entropyBits = corpus != null
                    ? corpus.stats().unigramEntropyBits()
                    : Math.log(model.vocabulary().size()) / Math.log(2);
            findings.addAll(ModelChecks.check(model, entropyBits));
            findings.addAll(TrainingChecks.check(input.history(),
                    sameVocabulary ? references(corpus) : TrainingChecks.References.NONE));
        }
        if (sameVocabulary && corpus.size() > CorpusWindows.LENGTH + 1) {
            findings.addAll(stateChecks(model, corpus));
        }
        findings.addAll(input.sampleFindings());
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return new Report(findings);
    }

    /** The unigram and n-gram losses on the validation split; the corpus' unigram entropy when it has none. */
    private static TrainingChecks.References references(Corpus corpus) {
        NgramBaseline b = corpus.ngramBaseline();
        return Double.isNaN(b.loss())
                ? new TrainingChecks.References(corpus.stats().unigramEntropyNats(), Double.NaN, 0)
                : new TrainingChecks.References(b.unigramLoss(), b.loss(), b.order());
    }

    private static List<Finding> stateChecks(LstmLanguageModel model, Corpus corpus) {
        List<int[]> windows = CorpusWindows.tokens(
                CorpusWindows.pick(corpus, CorpusWindows.COUNT, CorpusWindows.LENGTH, CorpusWindows.SEED));
        List<Finding> out = new ArrayList<>(HiddenInspection.of(model, windows).findings());
        out.addAll(GateInspection.of(LstmProbe.run(model, windows.get(0))).findings());
        return out;
    }
}

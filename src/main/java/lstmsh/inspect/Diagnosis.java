package lstmsh.inspect;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.NgramBaseline;
import lstmsh.finding.CauseOrder;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.Evaluator;
import lstmsh.train.MetricPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every check that applies to what is loaded and orders the findings by likely cause. Each
 * part is optional: no corpus, no model or no history just means fewer checks.
 */
public final class Diagnosis {

    /** Findings a start near zero explains: the model never learned to tell inputs apart. */
    static final Set<FindingCode> COLLAPSE = Set.of(FindingCode.WORSE_THAN_UNIGRAM, FindingCode.HIDDEN_COLLAPSE,
            FindingCode.NOISE, FindingCode.DOMINANT_TOKEN, FindingCode.LOW_ENTROPY, FindingCode.REPEAT_RUN,
            FindingCode.LOOP);

    /** The windows an untrained or imported model's validation loss is measured in. */
    private static final int EVAL_BATCH = 32;
    private static final int EVAL_SEQ = 100;

    private Diagnosis() {}

    /**
     * @param corpus the loaded corpus, or null
     * @param model the model, or null
     * @param history the model's training history (empty when untrained)
     * @param stepsPerEpoch steps of one pass over the training text in the last run, 0 when unknown
     * @param sampleFindings findings raised by the last samples
     */
    public record Input(Corpus corpus, LstmLanguageModel model, List<MetricPoint> history, int stepsPerEpoch,
            List<Finding> sampleFindings) {}

    /**
     * The findings, likeliest cause first, and the gate saturation table on validation windows (null
     * without a model and its corpus).
     */
    public record Report(List<Finding> findings, GateInspection.SaturationTable gates) {

        /** How many findings rank above info: the figure a healthy model keeps at zero. */
        public int serious() {
            return (int) findings.stream().filter(Finding::serious).count();
        }

        /** The finding to fix first, when several codes are above info. */
        public Optional<Finding> first() {
            return CauseOrder.first(findings);
        }
    }

    public static Report run(Input input) {
        Corpus corpus = input.corpus();
        LstmLanguageModel model = input.model();
        List<Finding> findings = new ArrayList<>(corpus == null ? List.of() : CorpusTailCheck.check(corpus));
        boolean sameVocabulary = corpus != null && model != null && corpus.vocabulary().equals(model.vocabulary());
        GateInspection.SaturationTable gates = null;
        if (model != null) {
            double entropyBits = corpus != null
                    ? corpus.stats().unigramEntropyBits()
                    : Math.log(model.vocabulary().size()) / Math.log(2);
            findings.addAll(ModelChecks.check(model, entropyBits, input.history()));
            // Without a history here the loss is measured, to tell an untrained model from an imported one.
            double measured = sameVocabulary && input.history().isEmpty()
                    ? Evaluator.loss(model, corpus.validation(), EVAL_BATCH, EVAL_SEQ) : Double.NaN;
            findings.addAll(TrainingChecks.check(input.history(),
                    sameVocabulary ? references(corpus) : TrainingChecks.References.NONE,
                    new TrainingChecks.Run(model.settings(), input.stepsPerEpoch()), measured,
                    model.vocabulary().size()));
        }
        if (sameVocabulary && corpus.size() > CorpusWindows.LENGTH + 1) {
            List<int[]> windows = CorpusWindows.tokens(
                    CorpusWindows.pick(corpus, CorpusWindows.COUNT, CorpusWindows.LENGTH, CorpusWindows.SEED));
            findings.addAll(HiddenInspection.of(model, windows).findings());
            List<int[]> validation = CorpusWindows.validation(corpus, CorpusWindows.COUNT, CorpusWindows.LENGTH,
                    CorpusWindows.SEED);
            gates = GateInspection.saturation(validation.stream().map(w -> LstmProbe.run(model, w)).toList(),
                    validation.size() + " validation windows of " + CorpusWindows.LENGTH + " tokens");
            findings.addAll(gates.findings(input.history()));
        }
        findings.addAll(input.sampleFindings());
        if (model != null && findings.stream().noneMatch(f -> f.code() == FindingCode.INIT_SCALE)
                && findings.stream().anyMatch(f -> f.serious() && COLLAPSE.contains(f.code()))) {
            ModelChecks.initFarBelowXavier(model).ifPresent(findings::add);
        }
        return new Report(CauseOrder.sort(findings), gates);
    }

    /** The unigram and n-gram losses on the validation split; the corpus' unigram entropy when it has none. */
    private static TrainingChecks.References references(Corpus corpus) {
        NgramBaseline b = corpus.ngramBaseline();
        return Double.isNaN(b.loss())
                ? new TrainingChecks.References(corpus.stats().unigramEntropyNats(), Double.NaN, 0)
                : new TrainingChecks.References(b.unigramLoss(), b.loss(), b.order());
    }
}

package lstmsh.inspect;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.KnownTokens;
import lstmsh.sample.SamplingSettings;

import lstmsh.train.MetricPoint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state and weight checks raise their codes from a real model's numbers, not only from reports
 * built by hand: large weights give INIT_SCALE and SATURATED_GATES, inputs that end alike give
 * HIDDEN_COLLAPSE, and the same model with its own weights and varied inputs gives none of them.
 */
@CoreTest
class CheckCodesTest {

    private static final Corpus CORPUS = TestCorpora.prose();
    private static final String TEXT = "The sea was calm and the night";

    private static int[] ids(LstmLanguageModel model, String text) {
        return KnownTokens.of(model, text, SamplingSettings.UnknownPolicy.SKIP, "input").ids().stream()
                .mapToInt(Integer::intValue).toArray();
    }

    private static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    /** Multiplies every parameter by {@code factor}. */
    private static void scale(LstmLanguageModel model, float factor) {
        Map<String, float[]> values = model.snapshot();
        values.values().forEach(v -> {
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
        });
        model.restore(values);
    }

    @Test
    void largeWeightsAreAnInitScaleWarningAndSaturateTheGates() {
        double entropy = CORPUS.stats().unigramEntropyBits();
        try (LstmLanguageModel model = TestCorpora.smallModel(CORPUS, 1)) {
            assertEquals(List.of(), codes(ModelChecks.check(model, entropy, List.of())));
            assertEquals(List.of(), codes(GateInspection.of(LstmProbe.run(model, ids(model, TEXT))).findings(List.of())));
            scale(model, 30);
            List<Finding> weights = ModelChecks.check(model, entropy, List.of());
            assertEquals(List.of(FindingCode.INIT_SCALE), codes(weights));
            Finding large = weights.get(0);
            assertEquals(Finding.Severity.WARNING, large.severity());
            assertTrue(large.evidence().contains("large"), large.evidence());
            // The model is already Xavier: the fix is not a new init but a tighter clip.
            assertEquals("train --clip 1", large.fix());
            GateInspection.Report gates = GateInspection.of(LstmProbe.run(model, ids(model, TEXT)));
            assertTrue(gates.saturatedShare() > GateInspection.SATURATED_SHARE_LIMIT, "share " + gates.saturatedShare());
            assertEquals(List.of(FindingCode.SATURATED_GATES), codes(gates.findings(List.of())));
        }
    }

    /** Xavier weights that training grew past the limit point at the learning rate, not the initialisation. */
    @Test
    void weightsGrownInTrainingAreLrTooHigh() {
        double entropy = CORPUS.stats().unigramEntropyBits();
        List<MetricPoint> history = new ArrayList<>();
        for (int s = 1; s <= 120; s++) {
            history.add(new MetricPoint(s, 2.9, Double.NaN, 1.0, 0.2));
        }
        try (LstmLanguageModel model = TestCorpora.smallModel(CORPUS, 1)) {
            scale(model, 30);
            List<Finding> weights = ModelChecks.check(model, entropy, history);
            assertEquals(List.of(FindingCode.LR_TOO_HIGH), codes(weights));
            Finding grown = weights.get(0);
            assertTrue(grown.evidence().contains("grew in training from scale") && grown.evidence().contains("--init xavier")
                    && grown.evidence().contains("120 steps at learning rate up to 1"), grown.evidence());
            assertEquals("train --lr 0.1", grown.fix());
        }
    }

    @Test
    void inputsEndingInTheSameLongTailCollapseAndVariedOnesDoNot() {
        String tail = ".".repeat(60);
        try (LstmLanguageModel model = TestCorpora.smallModel(CORPUS, 1)) {
            HiddenInspection.Report alike = HiddenInspection.of(model,
                    List.of(ids(model, "Anna" + tail), ids(model, "Peter ran" + tail), ids(model, "The" + tail)));
            assertTrue(alike.collapsed());
            assertEquals(List.of(FindingCode.HIDDEN_COLLAPSE), codes(alike.findings()));
            HiddenInspection.Report varied = HiddenInspection.of(model,
                    List.of(ids(model, "It was a windy evening"), ids(model, "The End of Chapter 3.")));
            assertEquals(List.of(), codes(varied.findings()));
        }
    }
}

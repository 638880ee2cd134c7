package lstmsh.inspect;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.inspect.LstmProbe.Gate;
import lstmsh.model.Init;
import lstmsh.model.ModelSettings;

import lstmsh.train.MetricPoint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** HIDDEN_COLLAPSE and SATURATED_GATES are worded where they are found, for inspect and diagnose alike. */
@CoreTest
class StateFindingsTest {

    private static final ModelSettings XAVIER_64 = new ModelSettings(16, List.of(64), 0f, 1);

    private static HiddenInspection.Report hidden(double maxRelativeDistance, boolean collapsed, ModelSettings settings) {
        HiddenInspection.LayerSimilarity top = new HiddenInspection.LayerSimilarity(0, new double[3][3], new double[3][3],
                0.9999, 0.9995, 1e-6, maxRelativeDistance, maxRelativeDistance);
        List<HiddenInspection.Dependence> dependence = List.of(new HiddenInspection.Dependence(1, 0.2),
                new HiddenInspection.Dependence(2, 0.05), new HiddenInspection.Dependence(4, 0.001));
        return new HiddenInspection.Report(3, List.of(top), dependence, collapsed, settings);
    }

    private static ModelSettings with(ModelSettings s, List<Integer> hidden, Init init) {
        return new ModelSettings(s.embed(), hidden, s.dropout(), s.seed(), s.embedDropout(), s.outputDropout(), s.tie(),
                init, s.forgetBias());
    }

    @Test
    void collapsedFinalStatesAreOneWarningWithTheirEvidence() {
        List<Finding> findings = hidden(0.0042, true, XAVIER_64).findings();
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(FindingCode.HIDDEN_COLLAPSE, f.code());
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertEquals("the final hidden states of 3 inputs are nearly identical (no two differ by more than 0.420% of"
                + " their size, limit 1%; mean cosine 1.000): h_n depends on at most the last 2 tokens; if the inputs"
                + " end alike, read the state before their common tail", f.evidence());
        assertEquals(List.of(), hidden(0.3, false, XAVIER_64).findings());
    }

    /** The fix never advises what is in effect: Xavier only to a model that does not use it. */
    @Test
    void theCollapseFixDependsOnTheModel() {
        assertEquals("train --steps 1000", hidden(0.004, true, XAVIER_64).findings().get(0).fix());
        assertEquals("model new --embed 16 --hidden 64 --layers 1", hidden(0.004, true,
                with(XAVIER_64, List.of(32), Init.XAVIER)).findings().get(0).fix());
        assertEquals("model new --embed 16 --hidden 64 --layers 1 --init xavier", hidden(0.004, true,
                with(XAVIER_64, List.of(64), Init.parse("uniform:0,0.001"))).findings().get(0).fix());
    }

    private static GateInspection.SaturationTable table(double... leftRight) {
        List<GateInspection.Saturation> rows = List.of(
                new GateInspection.Saturation(0, Gate.INPUT, leftRight[0], leftRight[1]),
                new GateInspection.Saturation(0, Gate.FORGET, leftRight[2], leftRight[3]),
                new GateInspection.Saturation(0, Gate.OUTPUT, leftRight[4], leftRight[5]));
        return new GateInspection.SaturationTable("8 validation windows of 100 tokens", 800, rows);
    }

    @Test
    void saturatedGatesAreJudgedFromTheKarpathyTable() {
        // Trained gates: many forget gates open, input gates often shut, output gates in between: not stuck.
        assertEquals(List.of(), table(0.4, 0.05, 0.02, 0.6, 0.2, 0.2).findings(List.of()));
        Finding f = table(0.5, 0.4, 0.1, 0.85, 0.45, 0.45).findings(List.of()).get(0);
        assertEquals(FindingCode.SATURATED_GATES, f.code());
        assertEquals(0.9166, table(0.5, 0.4, 0.1, 0.85, 0.45, 0.45).layerShare(0), 1e-3);
        assertTrue(f.evidence().startsWith("layer 0's input, forget and output gates are saturated 92% of the time on"
                + " 8 validation windows of 100 tokens (limit 60%; below 0.1 or above 0.9, as Karpathy et al. measure"
                + " it): input 50% left, 40% right; forget 10% left, 85% right; output 45% left, 45% right"),
                f.evidence());
        assertEquals("train --clip 1", f.fix());
    }

    private static List<MetricPoint> history(int steps, double from, double to) {
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            h.add(new MetricPoint(s, from + (to - from) * s / steps, Double.NaN, 0.002, 0.5));
        }
        return h;
    }

    /** Saturation blocks learning only when the loss no longer falls: while it falls, info. */
    @Test
    void saturatedGatesAreAWarningOnlyWhenTheLossHasFlattened() {
        GateInspection.SaturationTable hot = table(0.5, 0.4, 0.1, 0.85, 0.45, 0.45);
        Finding falling = hot.findings(history(200, 4.0, 2.0)).get(0);
        assertEquals(FindingCode.SATURATED_GATES, falling.code());
        assertFalse(falling.serious(), falling.toString());
        assertTrue(falling.evidence().contains("the training loss still fell"), falling.evidence());
        Finding early = hot.findings(history(40, 4.0, 3.9)).get(0);
        assertFalse(early.serious(), early.toString());
        assertTrue(early.evidence().contains("too few training steps"), early.evidence());
        Finding flat = hot.findings(history(200, 2.9, 2.9)).get(0);
        assertTrue(flat.serious(), flat.toString());
        assertTrue(flat.evidence().contains("the training loss has flattened (0.0%"), flat.evidence());
    }
}

package lstmsh.inspect;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import org.junit.jupiter.api.Test;

import java.util.List;

/** HIDDEN_COLLAPSE and SATURATED_GATES are worded where they are found, for inspect and diagnose alike. */
@CoreTest
class StateFindingsTest {

    private static HiddenInspection.Report hidden(double maxRelativeDistance, boolean collapsed) {
        HiddenInspection.LayerSimilarity top = new HiddenInspection.LayerSimilarity(0, new double[3][3], new double[3][3],
                0.9999, 0.9995, 1e-6, maxRelativeDistance, maxRelativeDistance);
        List<HiddenInspection.Dependence> dependence = List.of(new HiddenInspection.Dependence(1, 0.2),
                new HiddenInspection.Dependence(2, 0.05), new HiddenInspection.Dependence(4, 0.001));
        return new HiddenInspection.Report(3, List.of(top), dependence, collapsed);
    }

    @Test
    void collapsedFinalStatesAreOneWarningWithTheirEvidence() {
        List<Finding> findings = hidden(0.0042, true).findings();
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(FindingCode.HIDDEN_COLLAPSE, f.code());
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertEquals("the final hidden states of 3 inputs are nearly identical (no two differ by more than 0.420% of"
                + " their size, limit 1%; mean cosine 1.000): h_n depends on at most the last 2 tokens", f.evidence());
        assertEquals("if the inputs end alike, read the state before the common tail or trim it (the dependence row"
                + " of inspect hidden shows how far back h_n reaches); otherwise model new --hidden 256 --init xavier"
                + " and train longer", f.fix());
        assertEquals(List.of(), hidden(0.3, false).findings());
    }

    @Test
    void saturatedGatesAreOneWarningWithTheShareAndTheLimit() {
        Finding f = new GateInspection.Report(List.of(), 0.8, 0).findings().get(0);
        assertEquals(FindingCode.SATURATED_GATES, f.code());
        assertEquals("80% of gate and tanh activations are saturated (limit 50%)", f.evidence());
        assertEquals("train with a lower --lr and --clip 1, or model new with a smaller --init scale", f.fix());
        assertEquals(List.of(), new GateInspection.Report(List.of(), 0.5, 0).findings());
    }
}

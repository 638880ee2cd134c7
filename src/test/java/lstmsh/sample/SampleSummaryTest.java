package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

@CoreTest
class SampleSummaryTest {

    /** A report of {@code tokens} tokens generated in {@code seconds} with these measures. */
    private static SampleReport report(int tokens, double seconds, double entropy, double min, double modelEntropy,
            double perplexity, double distinct, double copied, int longest, List<Finding> warnings) {
        SampleMetrics m = new SampleMetrics(tokens, entropy, min, modelEntropy, perplexity, distinct, distinct, distinct,
                8, copied, longest, "");
        return new SampleReport("", new int[tokens], entropy, min, tokens / seconds, List.of(), warnings, m,
                new double[tokens], "temperature 1.0", "");
    }

    private static Finding warning(FindingCode code, String evidence) {
        return Finding.warning(code, evidence, "fix it");
    }

    @Test
    void meansAreWeightedByTokens() {
        SampleSummary s = SampleSummary.of(List.of(
                report(100, 0.1, 2.0, 0.5, 2.5, 4, 0.5, 0.1, 10, List.of(warning(FindingCode.LOOP, "a"))),
                report(300, 1.0, 1.0, 0.2, 1.5, 16, 0.3, 0.3, 20,
                        List.of(warning(FindingCode.LOOP, "b"), warning(FindingCode.MEMORIZED, "c")))));
        assertEquals(400, s.tokens());
        assertEquals(1.25, s.meanEntropyBits(), 1e-12);
        assertEquals(0.2, s.minEntropyBits(), 1e-12);
        assertEquals(1.75, s.modelEntropyBits(), 1e-12);
        // Perplexity from the weighted mean surprisal: (100 × 2 + 300 × 4) / 400 = 3.5 bits.
        assertEquals(Math.pow(2, 3.5), s.perplexity(), 1e-9);
        assertEquals(400 / 1.1, s.tokensPerSecond(), 1e-9);
        assertEquals(0.35, s.distinct2(), 1e-12);
        assertEquals(0.25, s.copiedShare(), 1e-12);
        assertEquals(20, s.longestCopied());
        assertEquals(3, s.warnings());
        Map<String, Double> f = s.figures();
        assertEquals(1.25, f.get("sample.entropy"), 1e-12);
        assertEquals(3.0, f.get("sample.warnings"));
        assertEquals(20.0, f.get("sample.longest_copied"));
    }

    @Test
    void findingsAreOnePerCodeFromTheFirstSampleThatRaisedIt() {
        SampleSummary s = SampleSummary.of(List.of(
                report(10, 1, 1, 1, 1, 2, 1, Double.NaN, 0, List.of(warning(FindingCode.LOOP, "first"))),
                report(10, 1, 1, 1, 1, 2, 1, Double.NaN, 0,
                        List.of(warning(FindingCode.REPEAT_RUN, "run"), warning(FindingCode.LOOP, "second")))));
        assertEquals(List.of("LOOP", "REPEAT_RUN"), s.codes());
        assertEquals(List.of("last sample: first", "last sample: run"), s.findings().stream().map(Finding::evidence).toList());
        assertTrue(s.findings().stream().allMatch(x -> x.severity() == Finding.Severity.WARNING && x.fix().equals("fix it")));
    }

    @Test
    void withoutCopyMeasuresTheirFiguresAreLeftOut() {
        SampleSummary s = SampleSummary.of(List.of(report(10, 1, 1, 1, 1, 2, 1, Double.NaN, 0, List.of())));
        assertFalse(s.hasCopyMeasures());
        assertFalse(s.figures().containsKey("sample.copied_share"));
        assertFalse(s.figures().containsKey("sample.longest_copied"));
        assertEquals(List.of(), s.codes());
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.of(List.of()));
    }
}

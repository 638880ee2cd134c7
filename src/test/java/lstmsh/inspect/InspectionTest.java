package lstmsh.inspect;

import lstmsh.CoreTest;
import lstmsh.finding.FindingCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class InspectionTest {

    private static int[] ids(Corpus corpus, String text) {
        return text.codePoints().map(cp -> corpus.vocabulary().id(new String(Character.toChars(cp)))).toArray();
    }

    @Test
    void outputAtTheLastStepIsTheTopLayersFinalStateAndGatesMatchTheFusedOp() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = LstmLanguageModel.create(
                new ModelSettings(8, List.of(20, 12), 0f, 3), corpus.vocabulary(), corpus.tokenizer())) {
            LstmProbe.Result probe = LstmProbe.run(model, ids(corpus, "The sea roared over the field."));
            StateInspection.Report state = StateInspection.of(probe);
            assertEquals(0, state.outputHnDiff(), 1e-7);
            assertEquals(2, state.layers().size());
            assertEquals(20, state.layers().get(0).hidden());
            assertFalse(state.uniform(), "layers of different sizes cannot be stacked");
            GateInspection.Report gates = GateInspection.of(probe);
            assertTrue(gates.recomputationError() < GateInspection.TOLERANCE, "error " + gates.recomputationError());
            assertTrue(gates.matchesFused());
            float[][] finals = LstmProbe.finalStates(model, probe.tokens());
            for (int l = 0; l < finals.length; l++) {
                assertEquals(0, Vectors.maxAbsDiff(finals[l], probe.fusedH()[l]), 1e-7);
            }
        }
    }

    @Test
    void aLongConstantTailCollapsesTheFinalStatesAndVariedEndingsDoNot() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 2)) {
            String tail = ".".repeat(60);
            HiddenInspection.Report constant = HiddenInspection.of(model,
                    List.of(ids(corpus, "Anna" + tail), ids(corpus, "Peter ran" + tail), ids(corpus, "The" + tail)));
            assertTrue(constant.collapsed(), "mean similarity " + constant.top().meanSimilarity());
            assertTrue(constant.memoryHorizon() < 60, "horizon " + constant.memoryHorizon());
            HiddenInspection.Report varied = HiddenInspection.of(model,
                    List.of(ids(corpus, "It was a windy evening"), ids(corpus, "Ben asked, \"Does Mabel"),
                            ids(corpus, "The End of Chapter 3.")));
            assertFalse(varied.collapsed(), "mean similarity " + varied.top().meanSimilarity());
        }
    }

    @Test
    void saturationIsMeasuredOnTheRecomputedGates() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 4)) {
            int[] tokens = ids(corpus, "Chapter 1");
            GateInspection.Report fresh = GateInspection.of(LstmProbe.run(model, tokens));
            assertEquals(List.of(), fresh.findings(List.of()), "share " + fresh.saturatedShare());
            // Scaling every weight up drives the gates into their flat ends.
            var scaled = model.snapshot();
            scaled.replaceAll((name, v) -> {
                float[] out = v.clone();
                for (int i = 0; i < out.length; i++) {
                    out[i] *= 40;
                }
                return out;
            });
            model.restore(scaled);
            GateInspection.Report hot = GateInspection.of(LstmProbe.run(model, tokens));
            assertEquals(FindingCode.SATURATED_GATES, hot.findings(List.of()).get(0).code());
            assertTrue(hot.table().layerShare(0) > GateInspection.SATURATED_SHARE_LIMIT, "share " + hot.table().layerShare(0));
        }
    }
}

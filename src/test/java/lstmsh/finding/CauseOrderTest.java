package lstmsh.finding;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

@CoreTest
class CauseOrderTest {

    private static List<String> names(List<Finding> findings) {
        return findings.stream().map(Finding::name).toList();
    }

    /** An untrained model's collapse and repetitive sample follow from its training: that comes first, the sample last. */
    @Test
    void theLikeliestCauseComesFirstWhateverTheSeverity() {
        List<Finding> raised = List.of(
                Finding.warning(FindingCode.REPEAT_RUN, "run", "inspect loop"),
                Finding.warning(FindingCode.DOMINANT_TOKEN, "dominant", "train --class-weights sqrt-inverse"),
                Finding.info(FindingCode.CONSTANT_TAIL, "a rule of =", "inspect hidden --from-corpus 8"),
                Finding.problem(FindingCode.HIDDEN_COLLAPSE, "alike", "train --steps 1000"),
                Finding.warning(FindingCode.NOT_CONVERGED, "behind", "train --steps 4000"),
                Finding.warning(FindingCode.CORPUS_IMBALANCE, "skewed", "train --class-weights sqrt-inverse"));
        assertEquals(List.of("NOT_CONVERGED", "CORPUS_IMBALANCE", "HIDDEN_COLLAPSE", "DOMINANT_TOKEN", "REPEAT_RUN",
                "CONSTANT_TAIL"), names(CauseOrder.sort(raised)));
        assertEquals(FindingCode.NOT_CONVERGED, CauseOrder.first(raised).orElseThrow().code());
    }

    @Test
    void worseThanTheUnigramOutranksEveryOtherCause() {
        List<Finding> raised = List.of(
                Finding.problem(FindingCode.INIT_SCALE, "tiny", "model new --init xavier"),
                Finding.problem(FindingCode.WORSE_THAN_UNIGRAM, "worse", "train --steps 500"),
                Finding.warning(FindingCode.NOISE, "noise", "train --steps 500"));
        assertEquals(List.of("WORSE_THAN_UNIGRAM", "INIT_SCALE", "NOISE"), names(CauseOrder.sort(raised)));
    }

    @Test
    void oneCodeAboveInfoNeedsNoChoice() {
        assertEquals(Optional.empty(), CauseOrder.first(List.of(
                Finding.warning(FindingCode.LOOP, "a", "inspect loop"), Finding.warning(FindingCode.LOOP, "b", "inspect loop"),
                Finding.info(FindingCode.NOT_CONVERGED, "not trained yet", "train --steps 500"))));
    }
}

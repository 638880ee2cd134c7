package lstmsh.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;
import lstmsh.CyclingModel;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class RepetitionScoreTest {

    @Test
    void repAndWrepEqualACountByHand() {
        int[] text = {1, 2, 1, 3, 2, 2};
        int[] predicted = {2, 1, 1, 4, 3, 2};
        // Previous 2: predictions 1 (t=1, wrong), 1 (t=2, right), 3 (t=4, wrong), 2 (t=5, right) repeat;
        // the text repeats at t=2 (1) and t=5 (2), not at t=4 (2 was 3 tokens back).
        RepetitionScore.Window two = RepetitionScore.window(text, predicted, 2);
        assertEquals(4 / 6.0, two.rep(), 1e-12);
        assertEquals(2 / 6.0, two.wrep(), 1e-12);
        assertEquals(2 / 6.0, two.textRep(), 1e-12);
        RepetitionScore.Window one = RepetitionScore.window(text, predicted, 1);
        assertEquals(3 / 6.0, one.rep(), 1e-12);
        assertEquals(2 / 6.0, one.wrep(), 1e-12);
        assertEquals(1 / 6.0, one.textRep(), 1e-12);
    }

    @Test
    void seqRepIsTheShareOfNgramsRepeatingAnEarlierOne() {
        assertEquals(0.4, RepetitionScore.seqRep(new int[] {1, 2, 3, 1, 2, 3, 1}, 3), 1e-12);
        assertEquals(0.0, RepetitionScore.seqRep(new int[] {1, 2, 3, 4}, 4), 1e-12);
        assertTrue(Double.isNaN(RepetitionScore.seqRep(new int[] {1, 2, 3}, 4)));
    }

    @Test
    void theModelsPredictionsAreTeacherForced() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 30)) {
            int[] ids = RepetitionScore.text(model, corpus, "abcd", SamplingSettings.UnknownPolicy.SKIP, 100).ids();
            // Predicted a (after the newline), b, c, then a after c: only the last is among the tokens before, and wrong.
            RepetitionScore.Report r = RepetitionScore.of(model, ids, List.of(0.5), corpus.stats(), null);
            assertEquals(4, r.tokens());
            assertEquals(0.25, r.at(16).rep(), 1e-12);
            assertEquals(0.25, r.at(16).wrep(), 1e-12);
            assertEquals(0.0, r.at(16).textRep(), 1e-12);
            // Sampled, the model cycles abc: every 4-gram after the third repeats one.
            assertEquals(1 - 3.0 / (RepetitionScore.SAMPLE_LENGTH - 3), r.samples().get(0).seqRep(), 1e-12);
            assertEquals(0.25, r.figures().get("score.rep16"), 1e-12);
            assertEquals(r.samples().get(0).seqRep(), r.figures().get("score.seq_rep4"));
        }
    }

    @Test
    void theTextIsTheValidationSplitUpToTheLimit() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 30)) {
            RepetitionScore.Text t = RepetitionScore.text(model, corpus, null, SamplingSettings.UnknownPolicy.SKIP, 10);
            assertEquals(10, t.ids().length);
            assertEquals(corpus.validation().get(9), t.ids()[9]);
            assertThrows(LstmshException.class,
                    () -> RepetitionScore.text(model, null, null, SamplingSettings.UnknownPolicy.SKIP, 10));
        }
    }
}

package lstmsh.inspect;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.CharTokenizer;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.corpus.WordTokenizer;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.LstmshException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class CellsTest {

    private static Tokenizer tokenizer(boolean characters) {
        return characters ? CharTokenizer.INSTANCE : WordTokenizer.INSTANCE;
    }

    @Test
    void recordedStatesAreTheStepByStepOnesAcrossChunks() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 5)) {
            int[] tokens = corpus.tokens().slice(0, CellStates.CHUNK + 300).toArray();
            CellStates.Recording recording = CellStates.record(model, tokens);
            LstmProbe.Result probe = LstmProbe.run(model, tokens);
            for (int l = 0; l < 2; l++) {
                for (int t = 0; t < tokens.length; t += 97) {
                    for (int u = 0; u < 32; u++) {
                        assertEquals(probe.layers().get(l).h()[t][u], recording.layer(l).h()[u][t], 1e-4, "h " + l + ":" + u + " at " + t);
                        assertEquals(probe.layers().get(l).cell()[t][u], recording.layer(l).c()[u][t], 1e-4, "c " + l + ":" + u + " at " + t);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHandMadeQuoteUnitIsFoundAndTheModelNeedsItAtClosingQuotes(boolean characters) {
        List<String> tokens = HandMadeCells.text(characters, 600, 3);
        Vocabulary vocabulary = HandMadeCells.vocabulary(tokens);
        int[] ids = HandMadeCells.ids(vocabulary, tokens);
        try (LstmLanguageModel model = HandMadeCells.model(vocabulary, tokenizer(characters))) {
            CellStates.Recording recording = CellStates.record(model, ids);
            CellTracks.Text text = CellTracks.Text.of(model.tokenizer(), vocabulary, ids);
            CellCorrelation.Report report = CellCorrelation.of(recording, CellTracks.standard(text));
            CellCorrelation.TrackResult quote = track(report, "quote");
            assertTrue(quote.bestR() > 0.95, "quote r " + quote.bestR());
            assertTrue(quote.best().stream().anyMatch(u -> u.label().equals("0:0") && u.r() > 0.95), quote.best().toString());
            CellCorrelation.TrackResult brackets = track(report, "brackets");
            assertEquals("0:1", brackets.best().get(0).label());
            assertTrue(brackets.bestR() > 0.95, "brackets r " + brackets.bestR());
            assertEquals(0.95, report.bestR(), 0.05);
            assertTrue(report.tracking() >= 3 && report.tracking() <= 4, "tracking " + report.tracking());

            for (String unit : List.of("0:0", "1:0")) {
                int[] lu = Ablation.parseUnit(unit, model.settings());
                Ablation.Report held = Ablation.of(model, ids, Ablation.clamps(List.of(lu), Ablation.Value.ZERO, recording),
                        quote.track());
                assertTrue(held.endPositions() > 50, "closing quotes " + held.endPositions());
                assertTrue(held.endDeltaLoss() > 1, unit + " at closing quotes " + held.endDeltaLoss());
                assertTrue(held.endDeltaLoss() > 5 * held.deltaLoss(), unit + " overall " + held.deltaLoss());
            }
            // Holding an idle unit at its own value changes nothing.
            Ablation.Report idle = Ablation.of(model, ids, Ablation.clamps(List.of(new int[] {0, 3}), Ablation.Value.MEAN,
                    recording), quote.track());
            assertEquals(0, idle.deltaLoss(), 1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHandMadeStatePatternIsMatchedWhereTheSameInputProducesIt(boolean characters) {
        List<String> items = List.of("a", "\"", "b", "(", "c", ")", "d", "\"", "e", "(", "f", ")", "g", "\"", "h", "(",
                "i", ")", "j", "\"", "k", "\n");
        List<String> tokens = new java.util.ArrayList<>(items);
        for (int i = 0; i < 20; i++) {
            tokens.addAll(List.of("x", "y"));
        }
        Vocabulary vocabulary = HandMadeCells.vocabulary(tokens);
        int[] ids = HandMadeCells.ids(vocabulary, tokens);
        try (LstmLanguageModel model = HandMadeCells.model(vocabulary, tokenizer(characters))) {
            CellStates.Recording recording = CellStates.record(model, ids);
            StateMatch.Report r = StateMatch.of(recording, List.of(0, 1), 0.3, false, 4, 5, false);
            assertEquals(List.of("0:0", "0:1", "1:0"), r.selected().stream().map(StateMatch.Unit::label).toList());
            StateMatch.Match best = r.matches().get(0);
            // The bracket inside the second quote: its opening bracket and the letter after it.
            assertEquals(15, best.start());
            assertEquals(17, best.end());
            assertEquals(3, best.shared());
            assertEquals(0, best.extra());
            assertEquals(1.0, best.jaccard(), 1e-9);
            // Two of the three units (at least half) hold through the second quote as a whole; the
            // bracket outside quotes has only one.
            assertEquals(List.of(new StateMatch.Match(15, 17, 3, 0, 1.0), new StateMatch.Match(13, 19, 2, 0, 2 / 3.0)),
                    r.matches());
            // Units that were already on before the span are left out with offBefore.
            StateMatch.Report switched = StateMatch.of(recording, List.of(0, 1), 0.3, false, 3, 5, true);
            assertEquals(List.of("0:1"), switched.selected().stream().map(StateMatch.Unit::label).toList());
            double chosen = StateMatch.chooseThreshold(recording, List.of(0, 1));
            assertTrue(chosen >= 0 && chosen < 0.8, "threshold " + chosen);
        }
    }

    @Test
    void tracksDescribeTheTextAfterEachToken() {
        Vocabulary vocabulary = HandMadeCells.vocabulary(List.of("a", "\"", "b", "(", ")", "\n", " ", ".", "B", "1"));
        List<String> chars = "a \"b(b)\".\n  B1".codePoints().mapToObj(Character::toString).toList();
        int[] ids = HandMadeCells.ids(vocabulary, chars);
        CellTracks.Text text = CellTracks.Text.of(CharTokenizer.INSTANCE, vocabulary, ids);
        List<CellTracks.Track> tracks = CellTracks.standard(text);
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}, values(tracks, "quote"));
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, values(tracks, "brackets"));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4}, values(tracks, "column"));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2}, values(tracks, "indent"));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0}, values(tracks, "after_sentence"));
        assertArrayEquals(new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 5, 4, 3, 2, 1}, values(tracks, "to_newline"));
        CellTracks.Track custom = CellTracks.custom("bb=b\\(b", text);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, custom.values());
        assertTrue(custom.endsAfter(5));
        assertFalse(custom.endsAfter(4));
        assertThrows(LstmshException.class, () -> CellTracks.custom("bad=(", text));
        assertThrows(LstmshException.class, () -> CellTracks.pick("nothing", text));
        assertNotNull(text.locate("(b)"));
        assertArrayEquals(new int[] {4, 7}, text.locate("(b)"));
    }

    private static double[] values(List<CellTracks.Track> tracks, String name) {
        return tracks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().values();
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, java.util.Arrays.toString(actual));
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, java.util.Arrays.toString(actual));
    }

    private static CellCorrelation.TrackResult track(CellCorrelation.Report report, String name) {
        return report.tracks().stream().filter(t -> t.track().name().equals(name)).findFirst().orElseThrow();
    }
}

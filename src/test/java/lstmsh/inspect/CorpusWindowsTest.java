package lstmsh.inspect;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class CorpusWindowsTest {

    private static final Corpus CORPUS = CorpusLoader.fromText("abc", "abcdefghij".repeat(5), CorpusSettings.defaults());

    @Test
    void aFixedSeedPicksTheSameWindowsEveryTime() {
        List<CorpusWindows.Window> windows = CorpusWindows.pick(CORPUS, 3, 4, 1);
        assertEquals(List.of(6, 4, 23), windows.stream().map(CorpusWindows.Window::start).toList());
        StringBuilder first = new StringBuilder();
        for (int id : windows.get(0).tokens()) {
            first.append(CORPUS.vocabulary().token(id));
        }
        assertEquals("ghij", first.toString());
        for (CorpusWindows.Window w : windows) {
            int[] expected = new int[4];
            for (int t = 0; t < 4; t++) {
                expected[t] = CORPUS.tokens().get(w.start() + t);
            }
            assertArrayEquals(expected, w.tokens());
        }
        assertEquals(windows.stream().map(CorpusWindows.Window::start).toList(),
                CorpusWindows.pick(CORPUS, 3, 4, 1).stream().map(CorpusWindows.Window::start).toList());
    }

    @Test
    void aWindowMustFitInTheCorpus() {
        assertThrows(IllegalArgumentException.class, () -> CorpusWindows.pick(CORPUS, 2, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusWindows.pick(CORPUS, 2, CORPUS.size(), 1));
        assertEquals("--length must be between 1 and the corpus size, got " + CORPUS.size(), e.getMessage());
    }
}

package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.CharTokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.corpus.WordTokenizer;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class RepetitionDetectorTest {

    @Test
    void aWordLevelLoopIsQuotedWithItsSpaces() {
        Vocabulary words = new Vocabulary(List.of("\n", ".", "cat", "is", "sleeping", "the"));
        int[] tokens = ids(words, "the cat is sleeping the cat is sleeping the cat is sleeping the cat is sleeping .");
        List<Finding> found = RepetitionDetector.check(tokens, words, WordTokenizer.INSTANCE, null);
        assertEquals(1, found.size(), found.toString());
        Finding loop = found.get(0);
        assertEquals(FindingCode.LOOP, loop.code());
        assertEquals("a 4-token sequence \"the cat is sleeping\" repeats 4.0 times back to back (16 tokens)",
                loop.evidence());
    }

    @Test
    void aCharacterLevelLoopIsItsCharacters() {
        Vocabulary chars = Vocabulary.ofCodePoints(" abc".codePoints().toArray());
        int[] tokens = "abc ".repeat(4).codePoints().map(cp -> chars.id(Character.toString(cp))).toArray();
        List<Finding> found = RepetitionDetector.check(tokens, chars, CharTokenizer.INSTANCE, null);
        assertEquals(List.of(FindingCode.LOOP), found.stream().map(Finding::code).toList());
        assertTrue(found.get(0).evidence().startsWith("a 4-token sequence \"abc \" repeats 4.0 times"), found.toString());
    }

    @Test
    void aLoopOfNewlinesAndWordsShowsItsNewlinesAndCountsLongRuns() {
        Vocabulary words = new Vocabulary(List.of("\n", ".", "End", "The"));
        int[] unit = {0, 0, 0, 0, 0, 3, 2, 1};
        int[] tokens = new int[unit.length * 4];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = unit[i % unit.length];
        }
        List<Finding> found = RepetitionDetector.check(tokens, words, WordTokenizer.INSTANCE, null);
        Finding loop = found.stream().filter(f -> f.code() == FindingCode.LOOP).findFirst().orElseThrow();
        assertTrue(loop.evidence().startsWith("a 8-token sequence \"\u23CE \u00D75 The End.\" repeats 4.0 times"),
                loop.evidence());
    }

    private static int[] ids(Vocabulary vocabulary, String words) {
        return List.of(words.split(" ")).stream().mapToInt(vocabulary::id).toArray();
    }
}

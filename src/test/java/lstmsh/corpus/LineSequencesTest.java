package lstmsh.corpus;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

@CoreTest
class LineSequencesTest {

    private static final int NL = 9;

    private static Tokens tokens(int... ids) {
        return Tokens.of(ids, ids.length, 10);
    }

    @Test
    void eachLineStartsFromANewlineAndPredictsItsOwnEnd() {
        LineSequences s = LineSequences.of(tokens(1, 2, NL, 3, NL, NL, 4, 5), NL, 100, false, false);
        assertEquals(4, s.size());
        assertEquals(4, s.lines());
        long[] in = new long[3];
        long[] out = new long[3];
        s.copy(0, in, out, 0);
        assertArrayEquals(new long[] {NL, 1, 2}, in);
        assertArrayEquals(new long[] {1, 2, NL}, out);
        s.copy(1, in, out, 0);
        assertArrayEquals(new long[] {NL, 3}, new long[] {in[0], in[1]});
        assertArrayEquals(new long[] {3, NL}, new long[] {out[0], out[1]});
        assertEquals(1, s.length(2)); // an empty line predicts its newline
        assertEquals(2, s.length(3)); // the last line, without a closing newline
        assertEquals(8, s.targets()); // every token is a target exactly once
    }

    @Test
    void partialLinesAtTheEdgesOfASliceAreDropped() {
        LineSequences s = LineSequences.of(tokens(1, 2, NL, 3, NL, 4, 5), NL, 100, true, true);
        assertEquals(1, s.size());
        long[] in = new long[2];
        long[] out = new long[2];
        s.copy(0, in, out, 0);
        assertArrayEquals(new long[] {NL, 3}, in);
        assertArrayEquals(new long[] {3, NL}, out);
    }

    @Test
    void longLinesAreCutIntoPiecesThatLoseNoTarget() {
        LineSequences s = LineSequences.of(tokens(1, 2, 3, 4, 5, NL), NL, 4, false, false);
        assertEquals(2, s.size());
        assertEquals(1, s.cutLines());
        assertEquals(4, s.longest());
        long[] in = new long[4];
        long[] out = new long[4];
        s.copy(1, in, out, 0);
        assertArrayEquals(new long[] {4, 5}, new long[] {in[0], in[1]});
        assertArrayEquals(new long[] {5, NL}, new long[] {out[0], out[1]});
    }
}

package lstmsh.inspect;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lstmsh.inspect.LstmProbe.Gate;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class ProbeMathsTest {

    private static float[][] m(float... values) {
        return new float[][] {values};
    }

    private static final LstmProbe.LayerTrace TRACE = new LstmProbe.LayerTrace(3,
            m(0.1f, 0.5f, 0.9f), m(0.2f, 0.4f, 0.6f), m(-1f, 0f, 1f), m(0.3f, 0.3f, 0.3f), m(0f, 100f, -100f),
            m(-0.5f, 0f, 0.5f));

    @Test
    void sigmoidGatesAreShownAsTheyAreAndTanhUnitsAreMappedToTheUnitRange() {
        assertSame(TRACE.input(), TRACE.shaded(Gate.INPUT));
        assertSame(TRACE.forget(), TRACE.shaded(Gate.FORGET));
        assertSame(TRACE.output(), TRACE.shaded(Gate.OUTPUT));
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, TRACE.shaded(Gate.CANDIDATE)[0], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f, 0f}, TRACE.shaded(Gate.CELL)[0], 1e-6f);
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, TRACE.shaded(Gate.H)[0], 1e-6f);
    }

    @Test
    void gatesAreNamedByWordOrLetter() {
        assertEquals(List.of("input", "forget", "output", "candidate", "cell", "h"), Gate.words());
        assertEquals(Gate.CANDIDATE, Gate.parse("g"));
        assertEquals(Gate.CELL, Gate.parse("cell"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gate.parse("x"));
        assertEquals("unknown gate 'x'; use input, forget, output, candidate, cell or h", e.getMessage());
    }
}

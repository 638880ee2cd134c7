package lstmsh.render;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

@CoreTest
class SurprisalColorTest {

    @Test
    void tintsBySurprisal() {
        assertEquals("\u001b[32ma\u001b[0m", SurprisalColor.tint("a", 0.2));
        assertEquals("a", SurprisalColor.tint("a", 2));
        assertEquals("\u001b[33ma\u001b[0m", SurprisalColor.tint("a", 5));
        assertEquals("\u001b[31ma\u001b[0m", SurprisalColor.tint("a", 9));
    }

    @Test
    void aLineNeverEndsTinted() {
        assertEquals("\u001b[31ma\u001b[0m\n\u001b[31mb\u001b[0m", SurprisalColor.tint("a\nb", 9));
        assertEquals("\n", SurprisalColor.tint("\n", 9));
    }

    @Test
    void highlightFallsBackToBrackets() {
        assertEquals("[x]", SurprisalColor.highlight("x", false));
        assertTrue(SurprisalColor.highlight("x", true).startsWith("\u001b["));
    }
}

package lstmsh.util;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

@CoreTest
class TextsTest {

    @Test
    void shortBlanksAreEscapedAndLongRunsCounted() {
        assertEquals("\"a\\n\\nb\"", Texts.quote("a\n\nb"));
        assertEquals("\"\u23CE \u00D760 x\"", Texts.quote("\n".repeat(60) + "x"));
        assertEquals("\u23CE \u00D758 \u2423\u2423", Texts.blankRun("\n".repeat(58) + "  "));
    }

    @Test
    void aQuoteIsCutAfterItsBlanksAreCounted() {
        assertEquals("\"\u23CE \u00D7200\"", Texts.quoteShort("\n".repeat(200), 60));
    }
}

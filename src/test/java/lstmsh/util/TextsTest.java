package lstmsh.util;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@CoreTest
class TextsTest {

    @Test
    void quotesShowInvisibleCharacters() {
        assertEquals("\"a\\nb\\tc\\r\"", Texts.quote("a\nb\tc\r"));
        assertEquals("\"plain\"", Texts.quote("plain"));
    }

    @Test
    void abbreviationKeepsTheLimitAndMarksTheCut() {
        assertEquals("short", Texts.abbreviate("short", 10));
        assertEquals("abcdefg...", Texts.abbreviate("abcdefghijklmnop", 10));
        assertEquals(10, Texts.abbreviate("abcdefghijklmnop", 10).length());
    }

    @Test
    void aShortQuoteCutsAfterMakingNewlinesVisible() {
        assertEquals("\"a\\nb...\"", Texts.quoteShort("a\nbcdefgh", 7));
    }

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

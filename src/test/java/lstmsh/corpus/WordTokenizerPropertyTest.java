package lstmsh.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.util.List;

/**
 * Splitting and joining words, for any text: the tokens survive a round trip, and what the
 * round trip changes is only what the tokenizers document (blanks tidied, line endings made
 * newlines, a leading byte-order mark dropped, straight quotes curled).
 */
@Tag("core")
class WordTokenizerPropertyTest {

    /** Pieces that meet every rule: joiners between and beside word characters, quotes, marks, blanks, line endings. */
    private static final List<String> PIECES = List.of(
            "a", "Z", "é", "ß", "日", "😀", "e\u0301", "_", "0", "7", "well", "don", "3",
            "'", "\u2019", "\u2018", "\"", "\u201C", "\u201D", "-", ".", ",", ";", ":", "!", "?", "…", "—", "%",
            "(", ")", "[", "]", "{", "}", "¿", "¡", "#", "$", "/",
            " ", "  ", "\t", "\u00A0", "\u2028", "\uFEFF", "\n", "\r\n", "\r");

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 3000, seed = "17")
    void theTokensOfJoinedTokensAreTheSameTokens(@ForAll("texts") String text) {
        for (WordTokenizer tokenizer : List.of(WordTokenizer.INSTANCE, WordTokenizer.LOWERCASE)) {
            List<String> tokens = tokenizer.split(text);
            assertEquals(tokens, tokenizer.split(tokenizer.join(tokens)), "text: " + visible(text));
        }
    }

    @Property(tries = 3000, seed = "17")
    void aRoundTripChangesOnlyBlanksLineEndingsAndQuotes(@ForAll("texts") String text) {
        String joined = WordTokenizer.INSTANCE.join(WordTokenizer.INSTANCE.split(text));
        assertEquals(content(normalised(text)), content(joined), "text: " + visible(text));
    }

    @Property(tries = 500, seed = "17")
    void aLongWordComesBackWhole(@ForAll("texts") String before, @ForAll("texts") String after) {
        String word = "x".repeat(3 * WordSplitter.MAX_WORD + 5);
        List<String> tokens = WordTokenizer.INSTANCE.split(before + " " + word + " " + after);
        assertEquals(content(normalised(before + word + after)),
                content(WordTokenizer.INSTANCE.join(tokens)));
    }

    /** The documented normalisations: a leading byte-order mark dropped, CR LF and CR made newlines. */
    private static String normalised(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The text without blanks (newlines kept), with every quote made straight. */
    private static String content(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().filter(cp -> !WordSplitter.isBlank(cp)).forEach(cp -> sb.appendCodePoint(switch (cp) {
            case '\u201C', '\u201D' -> '"';
            case '\u2018', '\u2019' -> '\'';
            default -> cp;
        }));
        return sb.toString();
    }

    private static String visible(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}

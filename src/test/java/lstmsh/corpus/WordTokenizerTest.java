package lstmsh.corpus;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import lstmsh.corpus.gen.EnglishLikeGenerator;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

@CoreTest
class WordTokenizerTest {

    private static final WordTokenizer WORD = WordTokenizer.INSTANCE;

    @Test
    void splitsWordsPunctuationAndNewlines() {
        assertEquals(List.of("Hello", ",", "world", "!", "\n", "Don't", "stop", "."),
                WORD.split("Hello, world!\nDon't stop."));
        assertEquals(List.of("a", "well-known", "e.g", ".", "3.14", "and", "1,000", "(", "x", ")"),
                WORD.split("a well-known e.g. 3.14 and 1,000 (x)"));
        assertEquals(List.of("wait", ".", ".", ".", "what"), WORD.split("wait...what"));
        assertEquals(List.of("naïve", "café", "日本語", "😀"), WORD.split("naïve café 日本語 😀"));
        assertEquals(List.of("\n", "\n", "x"), WORD.split("  \n\t\n   x  "));
    }

    @Test
    void straightQuotesAreCurledByPosition() {
        assertEquals(List.of("Ben", "asked", ",", "“", "Does", "it", "?", "”", "\n"),
                WORD.split("Ben asked, \"Does it?\"\n"));
        assertEquals(List.of("‘", "Tis", "the", "dogs", "’", "bowl", "’"), WORD.split("'Tis the dogs' bowl'"));
        assertEquals("Ben asked, “Does it?”\n", WORD.join(WORD.split("Ben asked, \"Does it?\"\n")));
    }

    @Test
    void verbatimKeepsCodeAsWritten() {
        String code = "def f(x):\n    return \"a\" + 'b'  # two\n\tpass \n";
        WordTokenizer verbatim = WordTokenizer.VERBATIM;
        List<String> tokens = verbatim.split(code);
        assertEquals(code, verbatim.join(tokens));
        assertEquals(List.of("def", " f", "(", "x", ")", ":", "\n", "    ", "return", " \"", "a", "\"", " +", " '",
                "b", "'", "  ", "#", " two", "\n", "\t", "pass", " ", "\n"), tokens);
        assertSame(verbatim, Tokenizers.forLevel("word-verbatim"));
        assertEquals("word-verbatim-lowercase", Tokenizers.forLevel("word-verbatim", true).level());
    }

    @Test
    void canonicalTextRoundTripsExactly() {
        for (String text : List.of(
                "Hello, world! Don't stop.\nA new line (with brackets) and “quotes”.\n\nEnd",
                "It costs 3.14 or 1,000 units; really? Yes: 50%—no… maybe.",
                "“Who borrowed the little lamp?” asked Mabel.\n",
                "naïve café 日本語 😀 x")) {
            assertEquals(text, WORD.join(WORD.split(text)), text);
        }
    }

    @Test
    void messyTextComesBackTidiedAndStable() {
        String messy = "\uFEFFHello ,  world !\r\n  \"Quoted\"  text\r(  spaced ) \t tabs";
        String tidy = WORD.join(WORD.split(messy));
        assertEquals("Hello, world!\n“Quoted” text\n(spaced) tabs", tidy);
        assertEquals(tidy, WORD.join(WORD.split(tidy)));
    }

    @Test
    void generatedProseRoundTripsUpToQuoteCurling() {
        String prose = EnglishLikeGenerator.generate(30_000, 5);
        String joined = WORD.join(WORD.split(prose));
        assertEquals(prose, joined.replace('“', '"').replace('”', '"'));
    }

    @Test
    void randomTextIsIdempotentAfterOneRoundTrip() {
        String alphabet = "ab cd,.;:!?'\"()-\n\t 0123 é😀—…";
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String once = WORD.join(WORD.split(sb.toString()));
            assertEquals(once, WORD.join(WORD.split(once)), "input: " + sb);
        }
    }

    @Test
    void streamingJoinEqualsJoin() {
        List<String> tokens = WORD.split(EnglishLikeGenerator.generate(5_000, 2));
        StringBuilder streamed = new StringBuilder(tokens.get(0));
        for (int i = 1; i < tokens.size(); i++) {
            streamed.append(WORD.joinNext(tokens.get(i - 1), tokens.get(i)));
        }
        assertEquals(WORD.join(tokens), streamed.toString());
    }

    @Test
    void lowercaseAndLevelsRestoreFromTheirNames() {
        assertEquals(List.of("the", "cat", "."), WordTokenizer.LOWERCASE.split("The CAT."));
        assertSame(WordTokenizer.INSTANCE, Tokenizers.forLevel("word"));
        assertSame(WordTokenizer.LOWERCASE, Tokenizers.forLevel(WordTokenizer.LOWERCASE.level()));
        assertSame(CharTokenizer.LOWERCASE, Tokenizers.forLevel("char-lowercase"));
        assertSame(CharTokenizer.INSTANCE, Tokenizers.forLevel("char"));
        assertEquals(List.of("a", "b", "😀"), CharTokenizer.LOWERCASE.split("AB😀"));
    }

    @Test
    void veryLongWordsAreCut() {
        String word = "x".repeat(WordSplitter.MAX_WORD * 2 + 3);
        List<String> tokens = WORD.split(word);
        assertEquals(3, tokens.size());
        assertEquals(word, String.join("", tokens));
    }
}

package lstmsh.corpus.gen;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@CoreTest
class GeneratorsTest {

    private static final Pattern HEADING = Pattern.compile("(?m)^Chapter (\\d+)$");
    private static final Pattern CLOSING = Pattern.compile("(?m)^The End of Chapter (\\d+)\\.$");

    @Test
    void englishIsDeterministicPerSeed() throws Exception {
        String a = EnglishLikeGenerator.generate(20_000, 7);
        assertEquals(a, EnglishLikeGenerator.generate(20_000, 7));
        assertNotEquals(a, EnglishLikeGenerator.generate(20_000, 8));
        StringWriter w = new StringWriter();
        EnglishLikeGenerator.write(w, 20_000, 7);
        assertEquals(a, w.toString());
    }

    @Test
    void englishSizeIsTargetPlusAtMostOneParagraph() {
        for (long target : new long[] {0, 1, 500, 10_000, 123_457, 1_000_000}) {
            String text = EnglishLikeGenerator.generate(target, 3);
            int lastBreak = text.lastIndexOf("\n\n");
            int beforeLast = lastBreak < 0 ? 0 : lastBreak + 1;
            assertTrue(text.length() >= target, "too short for " + target + ": " + text.length());
            // Everything before the final paragraph stays within 1% (+ a heading) of the target.
            assertTrue(beforeLast <= target + target / 100 + 80, "overshoot for " + target + ": " + beforeLast);
            assertTrue(text.length() - beforeLast < 1500, "final paragraph too long");
            assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"));
        }
    }

    /** The bound is far above the ~0.3 s this takes, so a busy machine passes and a quadratic slip does not. */
    @Test
    @Timeout(30)
    void englishIsAsciiAndWrapped() {
        String text = EnglishLikeGenerator.generate(1_000_000, 1);
        assertTrue(text.chars().allMatch(c -> c == '\n' || (c >= 32 && c < 127)), "non-ASCII output");
        assertTrue(!text.contains("\n\n\n"), "more than one blank line between paragraphs");
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= EnglishLikeGenerator.WIDTH, "line too long: " + line);
            assertTrue(line.isEmpty() || !line.startsWith(" ") && !line.endsWith(" "), "stray space: " + line);
        }
    }

    @Test
    void chaptersCountUpAndQuotesClose() {
        String text = EnglishLikeGenerator.generate(200_000, 11);
        List<Integer> headings = numbers(HEADING, text);
        List<Integer> closings = numbers(CLOSING, text);
        assertTrue(headings.size() >= 10, "expected many chapters, got " + headings.size());
        for (int i = 0; i < headings.size(); i++) {
            assertEquals(i + 1, headings.get(i));
        }
        // Every chapter but possibly the last (cut at the target) is closed, in order.
        assertTrue(closings.size() >= headings.size() - 1);
        for (int i = 0; i < closings.size(); i++) {
            assertEquals(i + 1, closings.get(i));
        }
        for (String para : text.strip().split("\n\n")) {
            long quotes = para.chars().filter(c -> c == '"').count();
            assertEquals(0, quotes % 2, "unbalanced quotes in paragraph: " + para);
            String[] lines = para.split("\n");
            if (HEADING.matcher(lines[0]).matches()) {
                assertEquals(2, lines.length, "heading must be followed by a title line only");
                assertTrue(Character.isUpperCase(lines[1].charAt(0)));
            } else {
                char first = para.charAt(0);
                char last = para.charAt(para.length() - 1);
                assertTrue(Character.isUpperCase(first) || first == '"', "uncapitalised start: " + para);
                assertTrue(".?!\"".indexOf(last) >= 0, "unterminated paragraph: " + para);
            }
        }
    }

    @Test
    void englishRejectsNegativeTarget() {
        assertThrows(IllegalArgumentException.class, () -> EnglishLikeGenerator.generate(-1, 1));
    }

    @Test
    void imbalancedHasExactCountsAndIsShuffled() {
        String text = ScenarioCorpora.imbalanced(5);
        Map<String, Integer> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            counts.merge(line, 1, Integer::sum);
        }
        assertEquals(Map.of("the cat is sleeping", 500, "a dog is barking", 20, "bird is flying", 10), counts);
        assertTrue(text.endsWith("\n"));
        assertEquals(text, ScenarioCorpora.imbalanced(5));
        assertNotEquals(text, ScenarioCorpora.imbalanced(6));
        assertEquals("bird is flying\n", ScenarioCorpora.imbalanced(0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.imbalanced(-1, 2, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.imbalanced(0, 0, 0, 1));
    }

    @Test
    void constantTailLinesEndWithDots() {
        String text = ScenarioCorpora.constantTail(50, 8, 20, 2);
        String[] lines = text.split("\n");
        assertEquals(50, lines.length);
        Set<String> heads = new HashSet<>();
        for (String line : lines) {
            assertTrue(line.matches("[a-z]{8}\\.{20}"), line);
            heads.add(line.substring(0, 8));
        }
        assertTrue(heads.size() > 40, "heads should be random");
        assertEquals(text, ScenarioCorpora.constantTail(50, 8, 20, 2));
        assertNotEquals(text, ScenarioCorpora.constantTail(50, 8, 20, 3));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.constantTail(0, 8, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.constantTail(5, -1, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.constantTail(5, 8, 0, 1));
    }

    @Test
    void zipfExponentControlsSkew() {
        String steep = ScenarioCorpora.zipf(500, 2.0, 12_000, 4);
        String flat = ScenarioCorpora.zipf(500, 0.5, 12_000, 4);
        assertEquals(steep, ScenarioCorpora.zipf(500, 2.0, 12_000, 4));
        assertNotEquals(steep, ScenarioCorpora.zipf(500, 2.0, 12_000, 5));

        double steepShare = topShare(steep, 500);
        double flatShare = topShare(flat, 500);
        assertTrue(steepShare > 0.4, "steep share " + steepShare);
        assertTrue(flatShare < 0.1, "flat share " + flatShare);
        assertTrue(steepShare > 4 * flatShare);

        String[] lines = steep.split("\n");
        assertEquals(1000, lines.length);
        for (String line : lines) {
            assertEquals(12, line.split(" ").length);
            assertTrue(line.matches("[a-z]+( [a-z]+)*"), line);
        }
        assertEquals("", ScenarioCorpora.zipf(3, 1.0, 13, 1).replaceAll("[a-z]+( [a-z]+){11}\n[a-z]+\n", ""));

        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.zipf(0, 1.0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.zipf(10, -0.1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.zipf(10, Double.NaN, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> ScenarioCorpora.zipf(10, 1.0, 0, 1));
    }

    /** Share of the most frequent word; also checks that no more than {@code vocabulary} words appear. */
    private static double topShare(String text, int vocabulary) {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (String w : text.split("\\s+")) {
            counts.merge(w, 1, Integer::sum);
            total++;
        }
        assertTrue(counts.size() <= vocabulary, "distinct words " + counts.size());
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return (double) max / total;
    }

    private static List<Integer> numbers(Pattern p, String text) {
        Matcher m = p.matcher(text);
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}

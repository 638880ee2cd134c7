package lstmsh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;
import lstmsh.finding.FindingCode;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names {@code expect} knows are the names the sources produce: every figure a command or a
 * report puts under a literal name is in {@link Figures#KNOWN} and KNOWN lists nothing else, and
 * every warning code written as a literal is a {@link FindingCode}.
 */
@CoreTest
class ProducedNamesTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** {@code figures().put("train.loss", ...)}, {@code f.put(...)}, {@code report.figure(...)}. */
    private static final Pattern FIGURE = Pattern.compile("\\.(?:put|figure)\\(\\s*\"([a-z]+\\.[a-z0-9_]+)\"");

    /** {@code warnings.add("LOOP")} and printed {@code "warning LOOP: ..."}. */
    private static final Pattern CODE = Pattern.compile("\\.add\\(\"([A-Z][A-Z0-9_]+)\"\\)|\"(?:warning|info|problem) ([A-Z][A-Z0-9_]{2,})\\b");

    @Test
    void everyProducedFigureIsKnownAndEveryKnownOneIsProduced() {
        Set<String> produced = found(FIGURE);
        assertFalse(produced.isEmpty(), "no figures found under " + SOURCES.toAbsolutePath());
        Set<String> known = new TreeSet<>(Figures.KNOWN);
        assertEquals(Figures.KNOWN.size(), known.size(), "Figures.KNOWN lists a name twice");
        Set<String> missing = new TreeSet<>(produced);
        missing.removeAll(known);
        assertTrue(missing.isEmpty(), "produced but not in Figures.KNOWN: " + missing);
        Set<String> unproduced = new TreeSet<>(known);
        unproduced.removeAll(produced);
        assertTrue(unproduced.isEmpty(), "in Figures.KNOWN but nothing produces them: " + unproduced);
    }

    @Test
    void everyWarningCodeWrittenOutIsAFindingCode() {
        Set<String> written = found(CODE);
        Set<String> unknown = new TreeSet<>(written);
        unknown.removeAll(FindingCode.names());
        assertTrue(unknown.isEmpty(), "warning codes that are not FindingCode names: " + unknown);
    }

    private static Set<String> found(Pattern pattern) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = pattern.matcher(read(f));
                while (m.find()) {
                    names.add(m.group(1) != null ? m.group(1) : m.group(m.groupCount()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

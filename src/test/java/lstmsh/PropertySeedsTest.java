package lstmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Property tests try the same cases on every run: each {@code @Property} names its seed. */
@CoreTest
class PropertySeedsTest {

    private static final Pattern PROPERTY = Pattern.compile("(?m)^\\s*@Property\\b(\\([^)]*\\))?");

    @Test
    void everyPropertyNamesItsSeed() throws IOException {
        List<String> unseeded = new ArrayList<>();
        int properties = 0;
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path source : sources) {
            Matcher m = PROPERTY.matcher(Files.readString(source));
            while (m.find()) {
                properties++;
                if (m.group(1) == null || !m.group(1).matches("(?s).*\\bseed\\s*=\\s*\"-?\\d+\".*")) {
                    unseeded.add(source.getFileName() + ": " + m.group().strip());
                }
            }
        }
        assertTrue(properties > 0, "no property tests found under src/test/java");
        assertEquals(List.of(), unseeded, "properties without a fixed seed");
    }
}

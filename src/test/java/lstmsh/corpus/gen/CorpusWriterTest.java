package lstmsh.corpus.gen;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CoreTest
class CorpusWriterTest {

    @TempDir
    Path dir;

    private static GenerateSettings settings(CorpusKind kind, Long chars, String lines, Integer sequences, Integer head,
            Integer tail, Integer vocab, Double exponent, Integer words) {
        return new GenerateSettings(kind, chars, lines, sequences, head, tail, vocab, exponent, words, 3);
    }

    @Test
    void eachKindUsesItsGeneratorWithTheGivenParametersOrItsDefaults() {
        assertNull(GenerateSettings.of(CorpusKind.PROSE, 3).scenarioText());
        assertEquals(EnglishLikeGenerator.DEFAULT_CHARS, GenerateSettings.of(CorpusKind.PROSE, 3).proseChars());
        assertEquals(ScenarioCorpora.imbalanced(3), GenerateSettings.of(CorpusKind.IMBALANCED, 3).scenarioText());
        assertEquals(ScenarioCorpora.imbalanced(4, 2, 1, 3),
                settings(CorpusKind.IMBALANCED, null, " 4, 2,1", null, null, null, null, null, null).scenarioText());
        assertEquals(ScenarioCorpora.constantTail(ScenarioCorpora.DEFAULT_SEQUENCES, 5, ScenarioCorpora.DEFAULT_TAIL, 3),
                settings(CorpusKind.CONSTANT_TAIL, null, null, null, 5, null, null, null, null).scenarioText());
        assertEquals(ScenarioCorpora.zipf(40, ScenarioCorpora.DEFAULT_ZIPF_EXPONENT, 200, 3),
                settings(CorpusKind.ZIPF, null, null, null, null, null, 40, null, 200).scenarioText());
    }

    @Test
    void parametersOfAnotherKindOrOutOfRangeAreRefused() {
        assertEquals("--head applies to --kind constant-tail, not prose", assertThrows(IllegalArgumentException.class,
                () -> settings(CorpusKind.PROSE, null, null, null, 3, null, null, null, null)).getMessage());
        assertEquals("--lines applies to --kind imbalanced, not zipf", assertThrows(IllegalArgumentException.class,
                () -> settings(CorpusKind.ZIPF, null, "1,2", null, null, null, null, null, null)).getMessage());
        assertEquals("--chars must not be negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> settings(CorpusKind.PROSE, -1L, null, null, null, null, null, null, null)).getMessage());
        for (String lines : List.of("1,2", "1,2,3,4", "1,x,3")) {
            assertThrows(IllegalArgumentException.class,
                    () -> settings(CorpusKind.IMBALANCED, null, lines, null, null, null, null, null, null));
        }
    }

    @Test
    void kindsAreTypedWithDashes() {
        assertEquals(List.of("prose", "imbalanced", "constant-tail", "zipf"), CorpusKind.names());
        assertEquals(CorpusKind.CONSTANT_TAIL, CorpusKind.parse("constant-tail"));
        assertEquals(CorpusKind.CONSTANT_TAIL, CorpusKind.parse("constant_tail"));
        assertEquals("'tale' is not a corpus kind; use prose, imbalanced, constant-tail or zipf",
                assertThrows(IllegalArgumentException.class, () -> CorpusKind.parse("tale")).getMessage());
    }

    @Test
    void writesTheWholeCorpusAndCountsItsCharacters() throws IOException {
        Path prose = dir.resolve("new/folder/prose.txt");
        CorpusWriter.Report r = CorpusWriter.write(prose, settings(CorpusKind.PROSE, 3000L, null, null, null, null,
                null, null, null));
        String expected = EnglishLikeGenerator.generate(3000, 3);
        assertEquals(expected, Files.readString(prose));
        assertEquals(new CorpusWriter.Report(prose, expected.length(), CorpusKind.PROSE, 3), r);

        Path zipf = dir.resolve("zipf.txt");
        GenerateSettings z = settings(CorpusKind.ZIPF, null, null, null, null, null, 30, 1.5, 100);
        assertEquals(z.scenarioText().length(), CorpusWriter.write(zipf, z).characters());
        assertEquals(z.scenarioText(), Files.readString(zipf));
    }

    @Test
    void aRefusedScenarioLeavesTheTargetAsItWas() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.txt"), "before");
        GenerateSettings bad = settings(CorpusKind.ZIPF, null, null, null, null, null, null, -1.0, null);
        assertThrows(IllegalArgumentException.class, () -> CorpusWriter.write(target, bad));
        assertEquals("before", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertFalse(Files.exists(dir.resolve("new")));
    }
}

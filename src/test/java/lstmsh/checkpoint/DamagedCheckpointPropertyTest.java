package lstmsh.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.CancelSignal;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;
import lstmsh.util.LstmshException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A tiny checkpoint with one of its files cut short or with a byte changed: it loads with exactly
 * the saved arrays, or it is refused with one line in the user's words. Never a wrong model, never
 * a Java error.
 */
@Tag("core")
class DamagedCheckpointPropertyTest {

    private static final Pattern JAVA = Pattern.compile("Exception|java\\.|\\$\\.|\\bat [a-z]+\\.");

    private static Path dir;
    private static Map<String, byte[]> files;
    private static Map<String, float[]> parameters;
    private static Map<String, float[]> optimizer;

    @BeforeContainer
    static void save() throws IOException {
        dir = Files.createTempDirectory("lstmsh-damage");
        Corpus corpus = CorpusLoader.fromText("tiny", EnglishLikeGenerator.generate(2_000, 4), CorpusSettings.defaults());
        Path saved = dir.resolve("saved");
        try (LstmLanguageModel model = LstmLanguageModel.create(new ModelSettings(4, List.of(8), 0f, 1),
                        corpus.vocabulary(), corpus.tokenizer());
                TrainingState state = new TrainingState(model.manager())) {
            new TrainingLoop(model, corpus, new TrainSettings(4, 0, 0, 2, 8, 0.01, 5, 1, 2), state,
                    TrainingListener.NONE, new CancelSignal()).run();
            Checkpoint.save(saved, model, state, "tiny");
            parameters = model.snapshot();
            optimizer = state.optimizer().exportState();
        }
        files = new TreeMap<>();
        try (Stream<Path> s = Files.list(saved)) {
            for (Path f : s.toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
    }

    @AfterContainer
    static void delete() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<String> fileNames() {
        return Arbitraries.of(List.copyOf(files.keySet()));
    }

    @Property(tries = 600, seed = "17")
    void aDamagedFileLoadsExactlyOrIsRefusedInOneLine(@ForAll("fileNames") String name,
            @ForAll @IntRange(min = 0, max = 2) int damage, @ForAll @IntRange(min = 0, max = 1 << 20) int where,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        byte[] original = files.get(name);
        byte[] damaged = original.clone();
        int at = original.length == 0 ? 0 : where % original.length;
        if (damage == 0) {
            damaged = Arrays.copyOf(original, at);
        } else if (damage == 1 && original.length > 0) {
            damaged[at] ^= (byte) mask;
        } else {
            damaged = new byte[0];
        }
        Path copy = Files.createTempDirectory(dir, "ck");
        for (var f : files.entrySet()) {
            Files.write(copy.resolve(f.getKey()), f.getKey().equals(name) ? damaged : f.getValue());
        }
        String what = name + (damage == 0 ? " cut at " + at : damage == 1 ? " byte " + at + " ^ " + mask : " emptied");
        try {
            Checkpoint.Loaded loaded = Checkpoint.load(copy);
            try (LstmLanguageModel model = loaded.model(); TrainingState state = loaded.training()) {
                assertSame(parameters, model.snapshot(), what);
                assertSame(optimizer, state.optimizer().exportState(), what);
            }
        } catch (LstmshException e) {
            assertFalse(e.getMessage().contains("\n"), what + ": " + e.getMessage());
            assertFalse(JAVA.matcher(e.getMessage()).find(), what + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        }
    }

    private static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), what + " loaded other values for " + k));
    }
}

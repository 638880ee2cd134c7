package lstmsh.command;

import lstmsh.CommandTest;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

@CommandTest
class ImportKerasCommandTest {

    @TempDir
    Path dir;

    private final ShellFixture shell = new ShellFixture();

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private static Path fixture(String name) {
        try {
            return Path.of(ImportKerasCommandTest.class.getResource("/interop/keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertHas(String text, String part) {
        assertTrue(text.contains(part), "no '" + part + "' in:\n" + text);
    }

    @Test
    void anImportedKerasModelSamplesScoresAndShowsEachLayersState() {
        String vocab = " --vocab " + fixture("tiny-vocab.json");
        String out = shell.ok("import keras " + fixture("tiny.keras") + vocab);
        assertHas(out, "tiny.keras (13 tokens, char level)");
        assertHas(out, "model: embedding(13×4) → LSTM(6) → LSTM(5) → linear(5×13) → softmax");
        out = shell.ok("inspect state \"the cat\"", "score \"the cat is sleeping\"", "sample --greedy --length 20");
        assertHas(out, "loss ");
        out = shell.ok("import keras " + fixture("tiny.weights.h5") + vocab);
        assertHas(out, "note: tiny.weights.h5 holds weights only: activations taken as Keras' defaults");
    }

    @Test
    void aRefusedImportLeavesTheModelTheUserHad() throws IOException {
        String vocab = " --vocab " + fixture("tiny-vocab.json");
        Path corpus = Files.writeString(dir.resolve("cat.txt"), "the cat is sleeping\n".repeat(50));
        shell.ok("corpus load " + corpus, "model new --embed 8 --hidden 16 --layers 1");
        Path text = Files.writeString(dir.resolve("model.keras"), "not a model\n");
        assertHas(shell.fail("import keras " + text + vocab), "is neither a .keras archive nor an HDF5 weights file");
        assertHas(shell.fail("import keras " + fixture("gru.keras") + vocab), "holds a Keras GRU layer");
        assertHas(shell.fail("import keras " + fixture("bidirectional.keras") + vocab), "holds a Keras Bidirectional layer");
        Path shorter = Files.writeString(dir.resolve("vocab.json"), "[\"a\", \"b\"]");
        assertHas(shell.fail("import keras " + fixture("tiny.keras") + " --vocab " + shorter),
                "the vocabulary has 2 tokens but the Keras Embedding ('embedding') has 13 rows");
        assertHas(shell.ok("model show"), "embedding(13×8) → LSTM(16) → linear");
    }
}

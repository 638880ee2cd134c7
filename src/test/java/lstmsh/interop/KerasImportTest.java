package lstmsh.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import lstmsh.CoreTest;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against fixtures Keras 3 wrote (scripts/interop_check_keras.py --fixtures). */
@CoreTest
class KerasImportTest {

    private static final double LOGIT_TOLERANCE = 1e-5;

    static Path fixture(String name) {
        try {
            return Path.of(KerasImportTest.class.getResource("/interop/keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> tinyVocabulary() {
        return VocabularyFile.read(fixture("tiny-vocab.json"));
    }

    private static LstmLanguageModel imported(String file) {
        List<String> tokens = tinyVocabulary();
        KerasImport.Converted converted = KerasImport.read(fixture(file), tokens.size());
        return ModelImport.build(converted.stateDict(), tokens, "char", "");
    }

    @Test
    void aKerasArchiveGivesKerasLogitsAndEachLayersFinalState() throws IOException {
        JsonObject expected = JsonParser.parseString(Files.readString(fixture("tiny-expected.json"))).getAsJsonObject();
        JsonArray input = expected.getAsJsonArray("input");
        long[] ids = new long[input.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = input.get(i).getAsLong();
        }
        for (String file : List.of("tiny.keras", "tiny.weights.h5")) {
            try (LstmLanguageModel model = imported(file); NDManager scope = model.manager().newSubManager()) {
                assertEquals(List.of(6, 5), model.settings().hidden(), file);
                assertEquals(4, model.settings().embed(), file);
                LstmLanguageModel.Output out = model.forward(scope.create(ids, new Shape(1, ids.length)), null, false);
                JsonArray logits = expected.getAsJsonArray("logits");
                assertClose(logits, out.logits().reshape(ids.length, -1), file + " logits");
                JsonArray states = expected.getAsJsonArray("states");
                for (int l = 0; l < states.size(); l++) {
                    JsonArray hc = states.get(l).getAsJsonArray();
                    assertClose(wrap(hc.get(0).getAsJsonArray()), out.state().h().get(l).reshape(1, -1), file + " h" + l);
                    assertClose(wrap(hc.get(1).getAsJsonArray()), out.state().c().get(l).reshape(1, -1), file + " c" + l);
                }
            }
        }
    }

    @Test
    void anExportedModelImportsBackWithTheSameLogits(@TempDir Path dir) {
        long[] ids = {1, 5, 2, 0, 7, 3};
        try (LstmLanguageModel model = imported("tiny.keras"); NDManager scope = model.manager().newSubManager()) {
            // Two non-zero biases, as a model trained in lstmsh has: Keras gets their sum.
            model.parameter("lstm.1.b_hh").addi(0.25f);
            KerasExport.Written written = KerasExport.write(model, dir.resolve("tiny.weights.h5"));
            assertEquals(tinyVocabulary(), VocabularyFile.read(written.vocabulary()));
            NDArray tokens = scope.create(ids, new Shape(1, ids.length));
            float[] before = model.forward(tokens, null, false).logits().toFloatArray();
            KerasImport.Converted back = KerasImport.read(written.weights(), tinyVocabulary().size());
            try (LstmLanguageModel again = ModelImport.build(back.stateDict(), tinyVocabulary(), "char", "")) {
                float[] after = again.forward(tokens, null, false).logits().toFloatArray();
                double worst = 0;
                for (int i = 0; i < before.length; i++) {
                    worst = Math.max(worst, Math.abs(before[i] - after[i]));
                }
                assertTrue(worst < 1e-6, "max abs diff " + worst);
            }
        }
        LstmshException e = assertThrows(LstmshException.class, () -> {
            try (LstmLanguageModel model = imported("tiny.keras")) {
                KerasExport.write(model, dir.resolve("tiny.h5"));
            }
        });
        assertEquals("Keras loads weights only from a file named NAME.weights.h5; e.g. export keras model.weights.h5",
                e.getMessage());
    }

    @Test
    void aBareWeightsFileSaysTheActivationsAreAssumed() {
        assertTrue(KerasImport.read(fixture("tiny.keras"), tinyVocabulary().size()).notes().isEmpty());
        List<String> notes = KerasImport.read(fixture("tiny.weights.h5"), tinyVocabulary().size()).notes();
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("activations taken as Keras' defaults (tanh, recurrent sigmoid)"), notes.get(0));
    }

    @Test
    void refusesWhatIsNotAnEmbeddingLstmDenseModelInOneLineSayingWhatWasFound(@TempDir Path dir) throws IOException {
        int size = tinyVocabulary().size();
        Path text = dir.resolve("notes.keras");
        Files.writeString(text, "just some text\n");
        assertRefused(text, size, "is neither a .keras archive nor an HDF5 weights file; import keras reads what Keras 3");
        assertRefused(fixture("gru.keras"), size, "holds a Keras GRU layer ('gru'); import keras reads Embedding → LSTM");
        assertRefused(fixture("bidirectional.keras"), size,
                "holds a Keras Bidirectional layer ('bidirectional'); import keras reads Embedding → LSTM");
        assertRefused(fixture("relu.keras"), size,
                "uses activation relu and recurrent activation sigmoid; lstmsh's LSTM is tanh with sigmoid gates");
        assertRefused(fixture("tiny.keras"), size - 1,
                "the vocabulary has " + (size - 1) + " tokens but the Keras Embedding ('embedding') has " + size + " rows");
        Path zip = dir.resolve("other.keras");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        assertRefused(zip, size, "is a damaged .keras archive");
    }

    @Test
    void aBareWeightsFileWithAGruIsRefusedByItsLayerName(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("gru.weights.h5");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(fixture("gru.keras").toFile())) {
            Files.write(weights, zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
        }
        assertRefused(weights, tinyVocabulary().size(), "holds a Keras GRU layer ('gru')");
    }

    private static void assertRefused(Path file, int vocabularySize, String message) {
        LstmshException e = assertThrows(LstmshException.class, () -> KerasImport.read(file, vocabularySize));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("Exception"), e.getMessage());
    }

    private static JsonArray wrap(JsonArray row) {
        JsonArray rows = new JsonArray();
        rows.add(row);
        return rows;
    }

    private static void assertClose(JsonArray rows, NDArray actual, String what) {
        float[] values = actual.toFloatArray();
        int columns = (int) actual.getShape().get(1);
        assertEquals(rows.size(), actual.getShape().get(0), what);
        double worst = 0;
        for (int r = 0; r < rows.size(); r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            assertEquals(columns, row.size(), what);
            for (int c = 0; c < columns; c++) {
                worst = Math.max(worst, Math.abs(row.get(c).getAsDouble() - values[r * columns + c]));
            }
        }
        assertTrue(worst < LOGIT_TOLERANCE, what + ": max abs diff " + worst);
    }
}

package lstmsh.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.CoreTest;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models trained in PyTorch by scripts/interop_check.py (src/test/resources/interop/pytorch),
 * imported: lstmsh computes the logits, h_n and c_n PyTorch computed for their probe.
 */
@CoreTest
class PytorchImportTest {

    static final Path FIXTURES = Path.of("src/test/resources/interop/pytorch");

    @TempDir Path dir;

    /** The largest difference between what PyTorch computed for the fixture's probe and what the model computes. */
    static float maxDifference(LstmLanguageModel model, Map<String, Tensor> expected) {
        float[] probe = expected.get("tokens").values();
        long[] ids = new long[probe.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) probe[i];
        }
        float max = 0;
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray tokens = scope.create(ids, new Shape(1, ids.length));
            LstmLanguageModel.Output out = model.forward(tokens, null, false);
            max = Math.max(max, difference(expected.get("logits").values(), out.logits().toFloatArray()));
            for (int l = 0; l < model.settings().layers(); l++) {
                max = Math.max(max, difference(expected.get("h_n." + l).values(), out.state().h().get(l).toFloatArray()));
                max = Math.max(max, difference(expected.get("c_n." + l).values(), out.state().c().get(l).toFloatArray()));
            }
        }
        return max;
    }

    private static float difference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void aWordLanguageModelStyleFileWithLayersOfTwoSizesComputesWhatPyTorchComputed() {
        Path tiny = FIXTURES.resolve("tiny");
        PytorchImport.Imported imported = PytorchImport.load(tiny.resolve("model.safetensors"),
                tiny.resolve("vocab.txt"), null, List.of());
        try (LstmLanguageModel model = imported.model()) {
            assertEquals(List.of("decoder", "embedding", "lstm"),
                    imported.renames().stream().map(r -> r.substring(r.indexOf("→ ") + 2)).sorted().toList());
            assertEquals(4, model.settings().embed());
            assertEquals(List.of(6, 6, 5), model.settings().hidden());
            assertEquals("char", model.tokenizer().level());
            float max = maxDifference(model, SafetensorsFile.read(tiny.resolve("expected.safetensors")));
            assertTrue(max < 1e-5, "max abs difference " + max);
        }
    }

    @Test
    void theCollapsedCatModelIsAWordModelOfHiddenFour() {
        Path collapse = FIXTURES.resolve("collapse");
        PytorchImport.Imported imported = PytorchImport.load(collapse.resolve("model.safetensors"),
                collapse.resolve("vocab.json"), null, List.of());
        try (LstmLanguageModel model = imported.model()) {
            assertTrue(imported.renames().isEmpty());
            assertEquals("word", model.tokenizer().level());
            assertEquals(List.of(4), model.settings().hidden());
            float max = maxDifference(model, SafetensorsFile.read(collapse.resolve("expected.safetensors")));
            assertTrue(max < 1e-5, "max abs difference " + max);
        }
    }

    @Test
    void userRenamesAndWrapperPrefixesReachTheCanonicalNames() {
        Map<String, Tensor> stored = new LinkedHashMap<>();
        Tensor t = new Tensor(new long[] {1}, new float[1]);
        for (String name : List.of("module.emb.weight", "module.my_rnn.weight_ih_l0", "module.proj.weight")) {
            stored.put(name, t);
        }
        List<String> renames = new ArrayList<>();
        Map<String, Tensor> canonical = PytorchImport.canonical(stored, List.of("module.my_rnn=module.lstm",
                "module.proj=module.decoder"), renames);
        assertEquals(List.of("embedding.weight", "lstm.weight_ih_l0", "decoder.weight"), List.copyOf(canonical.keySet()));
        assertEquals(List.of("module.my_rnn → module.lstm", "module.proj → module.decoder", "module → (dropped)",
                "emb → embedding"), renames);
        String unknown = assertThrows(LstmshException.class,
                () -> PytorchImport.canonical(stored, List.of("rnn=lstm"), new ArrayList<>())).getMessage();
        assertEquals("--map rnn=lstm: no tensor is named rnn or rnn.*; the names start with module", unknown);
    }

    @Test
    void filesThatAreNotWhatTheyClaimAreRefusedInOneLine() throws Exception {
        Path vocab = FIXTURES.resolve("tiny/vocab.txt");
        Path text = Files.writeString(dir.resolve("notes.safetensors"), "these are my notes, not weights\n");
        assertEquals(text + " is not a readable safetensors file (it does not start with a safetensors header);"
                + " give a file written by safetensors.torch.save_file or save_model",
                assertThrows(LstmshException.class, () -> PytorchImport.load(text, vocab, null, List.of())).getMessage());
        Path pickle = Files.write(dir.resolve("model.pt"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertTrue(assertThrows(LstmshException.class, () -> PytorchImport.load(pickle, vocab, null, List.of()))
                .getMessage().startsWith(pickle + " was written by torch.save, which lstmsh does not read"));
        Path other = dir.resolve("cnn.safetensors");
        Files.write(other, SafetensorsFile.encode(Map.of("conv1.weight", new Tensor(new long[] {2, 1, 3, 3}, new float[18]),
                "conv1.bias", new Tensor(new long[] {2}, new float[2]))));
        String message = assertThrows(LstmshException.class, () -> PytorchImport.load(other, vocab, null, List.of()))
                .getMessage();
        assertTrue(message.startsWith("could not place conv1."), message);
        assertTrue(message.endsWith("; rename with --map OLD=NEW (e.g. --map my_rnn=lstm)"), message);
        Path shortVocab = Files.writeString(dir.resolve("short.txt"), "a\nb\nc\n");
        message = assertThrows(LstmshException.class, () -> PytorchImport.load(FIXTURES.resolve("tiny/model.safetensors"),
                shortVocab, null, List.of())).getMessage();
        assertTrue(message.startsWith("the vocabulary has 3 tokens but embedding.weight has "), message);
    }
}

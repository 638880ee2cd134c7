package lstmsh.checkpoint;

import lstmsh.CoreTest;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.interop.SafetensorsFile;
import lstmsh.interop.Tensor;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.model.StateDictNames;
import lstmsh.train.CancelSignal;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The safetensors checkpoint: PyTorch's names, SHA-256 checked on load, format 1 still read. */
@CoreTest
class CheckpointFormatTest {

    @TempDir Path dir;

    private Path saved(ModelSettings settings) {
        Corpus corpus = CorpusLoader.fromText("tiny", EnglishLikeGenerator.generate(2_000, 4), CorpusSettings.defaults());
        Path target = dir.resolve("ck");
        try (LstmLanguageModel model = LstmLanguageModel.create(settings, corpus.vocabulary(), corpus.tokenizer());
                TrainingState state = new TrainingState(model.manager())) {
            new TrainingLoop(model, corpus, TrainSettings.builder().steps(4).batch(2).seq(8).evalEvery(2).build(),
                    state, TrainingListener.NONE, new CancelSignal()).run();
            Checkpoint.save(target, model, state, "tiny");
        }
        return target;
    }

    private String refusal(Path target) {
        return assertThrows(LstmshException.class, () -> Checkpoint.load(target)).getMessage();
    }

    @Test
    void parametersAreSafetensorsUnderPyTorchNamesAndTheManifestHoldsEachDigest() throws IOException {
        ModelSettings settings = new ModelSettings(8, List.of(8, 6), 0f, 1, 0f, 0f, false, Init.XAVIER, 0f);
        Path target = saved(settings);
        Map<String, Tensor> tensors = SafetensorsFile.read(target.resolve(CheckpointArrays.MODEL));
        assertEquals(java.util.Set.of("embedding.weight",
                "lstm.0.weight_ih_l0", "lstm.0.weight_hh_l0", "lstm.0.bias_ih_l0", "lstm.0.bias_hh_l0",
                "lstm.1.weight_ih_l0", "lstm.1.weight_hh_l0", "lstm.1.bias_ih_l0", "lstm.1.bias_hh_l0",
                "decoder.weight", "decoder.bias"), tensors.keySet());
        assertArrayEquals(new long[] {24, 8}, tensors.get("lstm.1.weight_ih_l0").shape());
        Manifest manifest = Manifest.read(target);
        assertEquals(2, manifest.format());
        assertEquals(List.of(CheckpointArrays.MODEL, CheckpointArrays.OPTIMIZER, CheckpointArrays.STATE,
                CheckpointArrays.BEST), new ArrayList<>(manifest.files().keySet()));
        for (var e : manifest.files().entrySet()) {
            assertEquals(CheckpointArrays.sha256(Files.readAllBytes(target.resolve(e.getKey()))), e.getValue());
        }
        Checkpoint.Loaded loaded = Checkpoint.load(target);
        try (var model = loaded.model(); var state = loaded.training()) {
            assertArrayEquals(tensors.get("lstm.1.weight_hh_l0").values(),
                    model.parameter("lstm.1.w_hh").toFloatArray());
            assertTrue(state.bestWeights() != null && state.carried() != null);
        }
    }

    @Test
    void aTiedModelStillHoldsDecoderWeightSoLoadStateDictFindsEveryKey() {
        Path target = saved(new ModelSettings(6, List.of(6), 0f, 1, 0f, 0f, true, Init.XAVIER, 0f));
        Map<String, Tensor> tensors = SafetensorsFile.read(target.resolve(CheckpointArrays.MODEL));
        assertArrayEquals(tensors.get(StateDictNames.EMBEDDING).values(),
                tensors.get(StateDictNames.DECODER_WEIGHT).values());
        Checkpoint.Loaded loaded = Checkpoint.load(target);
        try (var model = loaded.model(); var state = loaded.training()) {
            assertTrue(model.settings().tie());
        }
    }

    @Test
    void randomBytesInTheMiddleOfTheWeightsAreRefusedNamingTheFile() throws IOException {
        Path target = saved(new ModelSettings(4, List.of(8), 0f, 1));
        Path weights = target.resolve(CheckpointArrays.MODEL);
        byte[] bytes = Files.readAllBytes(weights);
        byte[] noise = new byte[200];
        new SplittableRandom(5).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, bytes.length / 2 - 100, 200);
        Files.write(weights, bytes);
        assertEquals(weights + " is damaged (its SHA-256 is not the one lstmsh.json recorded); save the model again,"
                + " or load another checkpoint", refusal(target));
    }

    @Test
    void aMissingOptimizerFileIsRefusedNamingIt() throws IOException {
        Path target = saved(new ModelSettings(4, List.of(8), 0f, 1));
        Files.delete(target.resolve(CheckpointArrays.OPTIMIZER));
        assertEquals("the checkpoint " + target + " lacks optimizer.safetensors, which lstmsh.json lists; it is"
                + " incomplete: save the model again, or load another checkpoint", refusal(target));
    }

    @Test
    void aTruncatedManifestIsRefusedNamingIt() throws IOException {
        Path target = saved(new ModelSettings(4, List.of(8), 0f, 1));
        Path manifest = target.resolve(Manifest.FILE);
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.substring(0, json.length() / 2));
        String refusal = refusal(target);
        assertTrue(refusal.startsWith(manifest + " is damaged or incomplete ("), refusal);
    }

    /** Copies the format 1 checkpoint written by lstmsh before safetensors (src/test/resources/checkpoint/format1). */
    private Path formatOne() throws IOException {
        Path source = Path.of("src/test/resources/checkpoint/format1");
        Path copy = dir.resolve("old");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void aFormatOneCheckpointStillLoadsAndSavesAsSafetensors() throws IOException {
        Path old = formatOne();
        Map<String, Tensor> stored = ArrayFile.read(old.resolve(CheckpointArrays.LEGACY_PARAMETERS));
        Checkpoint.Loaded loaded = Checkpoint.load(old);
        Path again = dir.resolve("again");
        try (var model = loaded.model(); var state = loaded.training()) {
            assertEquals(List.of(6), model.settings().hidden());
            assertEquals(3, state.globalStep());
            assertEquals(3, state.optimizer().updates());
            assertTrue(state.carried() != null && state.bestWeights() != null);
            stored.forEach((name, t) -> assertArrayEquals(t.values(), model.parameter(name).toFloatArray(), name));
            Checkpoint.save(again, model, state, "");
        }
        assertTrue(Files.exists(again.resolve(CheckpointArrays.MODEL)));
        assertTrue(!Files.exists(again.resolve(CheckpointArrays.LEGACY_PARAMETERS)));
        Checkpoint.Loaded reloaded = Checkpoint.load(again);
        try (var model = reloaded.model(); var state = reloaded.training()) {
            stored.forEach((name, t) -> assertArrayEquals(t.values(), model.parameter(name).toFloatArray(), name));
        }
    }

    @Test
    void aFormatOneCheckpointWithoutItsOptimizerFileIsRefused() throws IOException {
        Path old = formatOne();
        Files.delete(old.resolve(CheckpointArrays.LEGACY_OPTIMIZER));
        assertEquals("the checkpoint " + old + " lacks optimizer.bin; it is incomplete: save the model again,"
                + " or load another checkpoint", refusal(old));
    }
}

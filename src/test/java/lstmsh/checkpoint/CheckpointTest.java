package lstmsh.checkpoint;

import lstmsh.CoreTest;

import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.util.LstmshException;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SamplingSettings;
import lstmsh.train.CancelSignal;
import lstmsh.train.TrainSettings;
import lstmsh.train.TrainingListener;
import lstmsh.train.TrainingLoop;
import lstmsh.train.TrainingState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

@CoreTest
class CheckpointTest {

    @TempDir Path dir;

    @Test
    void aLoadedModelSamplesExactlyAsBeforeSaving() throws Exception {
        Corpus corpus = TestCorpora.prose();
        SamplingSettings sampling = new SamplingSettings(120, 1.0, "The ", 42);
        String before;
        Path target = dir.resolve("ck");
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            new TrainingLoop(model, corpus, new TrainSettings(20, 0, 0, 8, 32, 0.01, 5, 1, 0), state,
                    TrainingListener.NONE, new CancelSignal()).run();
            before = SampleGenerator.generate(model, sampling, corpus.stats(), s -> {}, null).text();
            Checkpoint.save(target, model, state, "prose");
            assertTrue(!state.unsaved());
        }
        Checkpoint.Loaded loaded = Checkpoint.load(target);
        try (LstmLanguageModel model = loaded.model(); TrainingState state = loaded.training()) {
            assertEquals(20, state.globalStep());
            assertEquals(20, state.history().size());
            assertEquals(20, state.optimizer().updates());
            String after = SampleGenerator.generate(model, sampling, corpus.stats(), s -> {}, null).text();
            assertEquals(before, after);
        }
        // Saving again over a checkpoint replaces it whole, leaving no temporary directories.
        Checkpoint.Loaded again = Checkpoint.load(target);
        try (LstmLanguageModel model = again.model(); TrainingState state = again.training()) {
            Checkpoint.save(target, model, state, "prose");
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void refusesWhatIsNotACheckpoint() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        LstmshException e = assertThrows(LstmshException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("not an lstmsh checkpoint"), e.getMessage());
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            LstmshException s = assertThrows(LstmshException.class, () -> Checkpoint.save(dir, model, state, ""));
            assertTrue(s.getMessage().contains("not an lstmsh checkpoint"), s.getMessage());
        }
        assertEquals("hello", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void everySettingAndTrainingStateRoundTrips() {
        Corpus corpus = TestCorpora.prose();
        Path target = dir.resolve("full");
        ModelSettings settings = new ModelSettings(24, java.util.List.of(32, 24), 0.1f, 5, 0.2f, 0.3f, true,
                Init.parse("normal:0.05"), 1f);
        try (LstmLanguageModel model = LstmLanguageModel.create(settings, corpus.vocabulary(), corpus.tokenizer());
                TrainingState state = new TrainingState(model.manager())) {
            new TrainingLoop(model, corpus, TrainSettings.builder().steps(8).batch(8).seq(24).evalEvery(4)
                    .optimizer(TrainSettings.OptimizerKind.SGD).momentum(0.9).lr(0.1).seed(9).build(), state,
                    TrainingListener.NONE, new CancelSignal()).run();
            Checkpoint.save(target, model, state, "prose");
        }
        Checkpoint.Loaded loaded = Checkpoint.load(target);
        try (LstmLanguageModel model = loaded.model(); TrainingState state = loaded.training()) {
            assertEquals(settings, model.settings());
            assertEquals(TrainSettings.OptimizerKind.SGD, state.optimizer().kind());
            assertEquals(8, state.optimizer().updates());
            assertEquals(9, state.seed());
            assertEquals("stream 8x24", state.dataShape());
            assertEquals(1, state.runs().size());
            assertTrue(state.runs().get(0).settings().contains("--optimizer sgd"), state.runs().get(0).settings());
            assertTrue(state.bestWeights() != null);
            assertEquals(24, state.carried().h().get(1).getShape().get(2));
            assertTrue(Files.exists(target.resolve(CheckpointArrays.STATE)) && Files.exists(target.resolve(CheckpointArrays.BEST)));
        }
    }

    @Test
    void aCheckpointFromAnotherArchitectureSaysWhatDiffers() throws Exception {
        Corpus corpus = TestCorpora.prose();
        Path target = dir.resolve("arch");
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            Checkpoint.save(target, model, state, "prose");
        }
        Path manifest = target.resolve(Manifest.FILE);
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replaceFirst("\\[\\s*32,\\s*32\\s*\\]", "[64, 32]"));
        LstmshException e = assertThrows(LstmshException.class, () -> Checkpoint.load(target));
        assertTrue(e.getMessage().contains("layer 0 hidden size 32 vs 64"), e.getMessage());
        Files.writeString(manifest, original.replaceFirst("\\[\\s*32,\\s*32\\s*\\]", "[32]"));
        e = assertThrows(LstmshException.class, () -> Checkpoint.load(target));
        assertTrue(e.getMessage().contains("holds lstm.1.w_ih"), e.getMessage());
        Files.writeString(manifest, original.replaceFirst("\"embed\": 16", "\"embed\": 8"));
        e = assertThrows(LstmshException.class, () -> Checkpoint.load(target));
        assertTrue(e.getMessage().contains("embedding width 16 vs 8"), e.getMessage());
    }

    @Test
    void trainingOnAnotherVocabularyIsRefusedClearly() {
        Corpus corpus = TestCorpora.prose();
        Corpus other = lstmsh.corpus.CorpusLoader.fromText("other.txt", "Zürich ß façade! ".repeat(400),
                lstmsh.corpus.CorpusSettings.defaults());
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            LstmshException e = assertThrows(LstmshException.class, () -> new TrainingLoop(model, other,
                    new TrainSettings(5, 0, 0, 4, 16, 0.01, 5, 1, 0), state, TrainingListener.NONE, new CancelSignal()).run());
            assertTrue(e.getMessage().contains("unknown to the model") && e.getMessage().contains("other.txt"),
                    e.getMessage());
            assertEquals(0, state.globalStep());
        }
    }

    @Test
    void aSaveThatCrashesLeavesTheOldCheckpointWhole() throws Exception {
        Corpus corpus = TestCorpora.prose();
        Path target = dir.resolve("ck");
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            TrainSettings five = new TrainSettings(5, 0, 0, 8, 24, 0.01, 5, 1, 0);
            new TrainingLoop(model, corpus, five, state, TrainingListener.NONE, new CancelSignal()).run();
            Checkpoint.save(target, model, state, "prose");
            new TrainingLoop(model, corpus, five, state, TrainingListener.NONE, new CancelSignal()).run();
            Runnable crash = () -> {
                throw new IllegalStateException("simulated crash");
            };
            LstmshException e = assertThrows(LstmshException.class,
                    () -> Checkpoint.save(target, model, state, "prose", crash));
            assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
            assertTrue(state.unsaved());
        }
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("ck"), files.map(p -> p.getFileName().toString()).toList());
        }
        Checkpoint.Loaded loaded = Checkpoint.load(target);
        try (var m = loaded.model(); var t = loaded.training()) {
            assertEquals(5, t.globalStep());
        }
        // A crash between the two renames leaves the old checkpoint beside its place; load says where.
        Files.move(target, dir.resolve(".ck.old-123"));
        LstmshException e = assertThrows(LstmshException.class, () -> Checkpoint.load(target));
        assertTrue(e.getMessage().contains(".ck.old-123"), e.getMessage());
    }

    @Test
    void theMidSaveHookRunsOnceWithOnlyTheParametersWrittenAndNothingInPlace() throws Exception {
        Corpus corpus = TestCorpora.prose();
        Path target = dir.resolve("ck");
        java.util.List<String> seen = new java.util.ArrayList<>();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            Checkpoint.save(target, model, state, "prose", () -> {
                try (var siblings = Files.list(dir)) {
                    for (Path saving : siblings.toList()) {
                        try (var files = Files.list(saving)) {
                            files.forEach(f -> seen.add(saving.getFileName().toString().replaceFirst("-\\d+$", "")
                                    + "/" + f.getFileName()));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertEquals(java.util.List.of(".ck.saving/" + CheckpointArrays.MODEL), seen);
        assertTrue(Files.isRegularFile(target.resolve(Manifest.FILE)));
    }
}

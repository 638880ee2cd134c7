package lstmsh.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.LstmshException;
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
}

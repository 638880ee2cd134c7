package lstmsh.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;
import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.TrainingState;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A manifest cut short or garbled is told as a damaged file, with what to do, never as the JSON reader's error. */
@CoreTest
class DamagedManifestTest {

    @TempDir Path dir;
    Path checkpoint;
    Path manifest;

    @BeforeEach
    void save() {
        checkpoint = dir.resolve("ck");
        manifest = checkpoint.resolve(Manifest.FILE);
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            Checkpoint.save(checkpoint, model, state, "prose");
        }
    }

    private String refusal() {
        String message = assertThrows(LstmshException.class, () -> Checkpoint.load(checkpoint)).getMessage();
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("java.") || message.contains("Exception") || message.contains(" path $"), message);
        assertTrue(message.endsWith("save the model again, or load another checkpoint"), message);
        return message;
    }

    @Test
    void aManifestCutShortNamesTheLineWhereItEnds() throws Exception {
        String text = Files.readString(manifest);
        String cut = text.substring(0, text.indexOf("\"vocabulary\"") + 30);
        Files.writeString(manifest, cut);
        int lines = (int) cut.lines().count();
        assertEquals(manifest + " is damaged or incomplete (cut short at line " + lines
                + "); save the model again, or load another checkpoint", refusal());
    }

    @Test
    void garbledJsonAndBytesThatAreNotTextAreDamage() throws Exception {
        Files.writeString(manifest, "{\"format\": 1, \"model\": ]}");
        assertTrue(refusal().contains("(not valid JSON at line 1)"), refusal());
        Files.write(manifest, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertTrue(refusal().contains("(not UTF-8 text)"), refusal());
        Files.writeString(manifest, "{\"format\": 1}", StandardCharsets.UTF_8);
        assertTrue(refusal().contains("(fields are missing or of the wrong kind)"), refusal());
    }
}

package lstmsh.checkpoint;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.util.LstmshException;
import lstmsh.model.Init;
import lstmsh.model.ModelSettings;
import lstmsh.train.MetricPoint;
import lstmsh.train.RunRecord;
import lstmsh.train.TrainSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@CoreTest
class ManifestTest {

    @TempDir Path dir;

    private static Manifest full() {
        ModelSettings model = new ModelSettings(24, List.of(32, 24), 0.1f, 5, 0.2f, 0.3f, true,
                Init.parse("normal:0.05"), 1f);
        Manifest.Training training = new Manifest.Training(8, 13, "stream 8x24", 40, 9,
                TrainSettings.OptimizerKind.SGD, 8, 2.5, 4, 1, 0.25, 2,
                List.of(new RunRecord(0, 8, "--steps 8 --seed 9", "completed", 1.5, 1234.5, 2.5)),
                List.of(new MetricPoint(1, 3.0, Double.NaN, 0.1, 0.7), new MetricPoint(4, 2.75, 2.5, 0.1, 0.6)));
        return new Manifest("char", "prose", model, 12345, List.of("\n", " ", "a", "é"), training, Manifest.FORMAT,
                java.util.Map.of("model.safetensors", "ab12", "optimizer.safetensors", "cd34"));
    }

    @Test
    void everyFieldRoundTrips() {
        Manifest m = full();
        assertEquals(m, Manifest.fromJson(m.toJson()));
        assertTrue(m.toJson().contains("\"format\": " + Manifest.FORMAT), m.toJson());
    }

    @Test
    void anOlderManifestReadsTheNewerFieldsAsTheirDefaults() {
        String older = """
                {"format": 1, "tokenizer": "char",
                 "model": {"embed": 16, "hidden": [32, 32], "dropout": 0.0, "seed": 3},
                 "vocabulary": ["a", "b"],
                 "training": {"step": 20, "window": 20, "optimizerUpdates": 20, "bestValLoss": null,
                              "bestValStep": -1, "history": [[1, 2.0, null, 0.002, 0.5]]}}
                """;
        Manifest m = Manifest.fromJson(older);
        assertEquals(new ModelSettings(16, List.of(32, 32), 0f, 3), m.model());
        assertEquals("", m.corpus());
        assertEquals(0, m.parameters());
        Manifest.Training t = m.training();
        assertEquals(new Manifest.Training(20, 20, "", 0, TrainSettings.DEFAULT_SEED, TrainSettings.OptimizerKind.ADAM,
                20, Double.NaN, -1, 0, 1, 0, List.of(), List.of(new MetricPoint(1, 2.0, Double.NaN, 0.002, 0.5))), t);
    }

    @Test
    void readNamesTheFileAndWhatIsWrong() throws Exception {
        full().write(dir);
        assertEquals(full(), Manifest.read(dir));
        Path file = dir.resolve(Manifest.FILE);
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"format\": 2", "\"format\": 3"));
        LstmshException e = assertThrows(LstmshException.class, () -> Manifest.read(dir));
        assertEquals(dir + " has checkpoint format 3; this lstmsh reads formats 1 to 2: use a newer lstmsh", e.getMessage());
        Files.writeString(file, json.replaceFirst("\"files\": \\{[^}]*}", "\"files\": []"));
        e = assertThrows(LstmshException.class, () -> Manifest.read(dir));
        assertEquals(file + " is damaged or incomplete (fields are missing or of the wrong kind); save the model again,"
                + " or load another checkpoint", e.getMessage());
        Files.writeString(file, json.substring(0, json.indexOf("\"files\"")));
        e = assertThrows(LstmshException.class, () -> Manifest.read(dir));
        assertTrue(e.getMessage().startsWith(file + " is damaged or incomplete (cut short at line "), e.getMessage());
        Files.writeString(file, json.replace("\"embed\": 24", "\"embed\": 0"));
        e = assertThrows(LstmshException.class, () -> Manifest.read(dir));
        assertEquals(file + " holds invalid settings: --embed must be at least 1, got 0", e.getMessage());
        Files.writeString(file, json.replace("\"window\"", "\"windows\""));
        e = assertThrows(LstmshException.class, () -> Manifest.read(dir));
        assertEquals(file + " is damaged or incomplete (fields are missing or of the wrong kind); save the model again,"
                + " or load another checkpoint", e.getMessage());
        Files.writeString(file, "{ not json");
        e = assertThrows(LstmshException.class, () -> Manifest.read(dir));
        assertEquals(file + " is damaged or incomplete (not valid JSON at line 1); save the model again,"
                + " or load another checkpoint", e.getMessage());
    }
}

package lstmsh.command;

import lstmsh.CommandTest;
import lstmsh.model.LstmLanguageModel;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** import pytorch and export pytorch as a user types them: every command works on an imported model. */
@CommandTest
class InteropCommandsTest {

    private static final Path TINY = Path.of("src/test/resources/interop/pytorch/tiny");
    private static final String IMPORT_TINY = "import pytorch " + TINY.resolve("model.safetensors") + " --vocab "
            + TINY.resolve("vocab.txt");

    @TempDir Path dir;

    private final ShellFixture shell = new ShellFixture();

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void anImportedModelSamplesScoresInspectsDiagnosesTrainsAndSaves() throws Exception {
        String imported = shell.ok(IMPORT_TINY);
        assertTrue(imported.startsWith("imported " + TINY.resolve("model.safetensors") + " ("), imported);
        assertTrue(imported.contains("renamed ") && imported.contains("LSTM(6) → LSTM(6) → LSTM(5)"), imported);
        shell.ok("sample --length 30 --seed 1", "score \"once upon a time\"", "inspect state \"once upon\"",
                "inspect gates \"once upon\"", "diagnose");
        String text = Files.readString(Path.of("corpora/tales.txt")).substring(0, 3000).toLowerCase();
        Path corpus = Files.writeString(dir.resolve("tales-start.txt"), text.repeat(3));
        shell.ok("corpus load " + corpus, "train --steps 3 --batch 4 --seq 16", "save " + dir.resolve("ck"),
                "load " + dir.resolve("ck"));
        assertEquals(List.of(6, 6, 5), shell.workspace.model().settings().hidden());
    }

    @Test
    void aFailedImportLeavesTheModelTheUserHad() throws Exception {
        shell.ok(IMPORT_TINY);
        LstmLanguageModel before = shell.workspace.model();
        Path notes = Files.writeString(dir.resolve("notes.safetensors"), "not weights");
        String error = shell.fail("import pytorch " + notes + " --vocab " + TINY.resolve("vocab.txt"));
        assertTrue(error.contains("is not a readable safetensors file"), error);
        Path shortVocab = Files.writeString(dir.resolve("v.txt"), "a\nb\n");
        error = shell.fail("import pytorch " + TINY.resolve("model.safetensors") + " --vocab " + shortVocab);
        assertTrue(error.contains("the vocabulary has 2 tokens"), error);
        assertSame(before, shell.workspace.model());
    }

    @Test
    void unsavedTrainingIsAskedAboutBeforeAnImportReplacesIt() throws Exception {
        String text = Files.readString(Path.of("corpora/tales.txt")).substring(0, 3000).toLowerCase();
        Path corpus = Files.writeString(dir.resolve("t.txt"), text.repeat(3));
        shell.ok("corpus load " + corpus, "model new --embed 8 --hidden 8 --layers 1",
                "train --steps 2 --batch 4 --seq 16");
        LstmLanguageModel trained = shell.workspace.model();
        shell.workspace.setQuestion((warning, prompt) -> false);
        String kept = shell.ok(IMPORT_TINY);
        assertTrue(kept.startsWith("kept the model (2 steps)"), kept);
        assertSame(trained, shell.workspace.model());
        shell.workspace.setQuestion(null);
        assertTrue(shell.ok(IMPORT_TINY).startsWith("dropped the previous model"));
    }

    @Test
    void anExportImportsBackToTheSameWeights() {
        shell.ok(IMPORT_TINY);
        var before = shell.workspace.model().snapshot();
        Path exported = dir.resolve("out/tiny");
        String printed = shell.ok("export pytorch " + exported);
        assertTrue(printed.startsWith("exported to " + exported
                + ": model.safetensors, vocab.json, check.safetensors, README.md"), printed);
        shell.ok("import pytorch " + exported.resolve("model.safetensors") + " --vocab " + exported.resolve("vocab.json"));
        var after = shell.workspace.model().snapshot();
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name));
        assertTrue(shell.fail("export pytorch").contains("DIR"));
    }
}

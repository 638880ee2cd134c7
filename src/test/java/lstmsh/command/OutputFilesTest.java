package lstmsh.command;

import lstmsh.CommandTest;
import lstmsh.TestCorpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the user asks for: never a folder replaced, folders made said so, one permission for all. */
@CommandTest
class OutputFilesTest {

    @TempDir
    Path dir;

    private final ShellFixture shell = new ShellFixture();

    @BeforeEach
    void setUp() throws IOException {
        shell.ok("corpus load " + TestCorpora.proseFile(dir.resolve("prose.txt"), 20_000, 7),
                "model new --embed 8 --hidden 16 --seed 2",
                "train --steps 3 --batch 4 --seq 16");
    }

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void aFolderIsRefusedAsAPictureBeforeAnyWork() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "x");
        for (String line : new String[] {"plot --png " + empty, "plot --png " + full,
                "inspect gates \"The sea\" --png " + full, "inspect gates \"The sea\" --png " + empty}) {
            String error = shell.fail(line);
            assertTrue(error.contains("is a folder; give a file name"), error);
            assertEquals("", shell.output(), "nothing printed before the refusal: " + line);
        }
        assertTrue(Files.isDirectory(empty) && Files.exists(full.resolve("keep.txt")));
    }

    @Test
    void foldersMadeOnTheWayAreNamed() {
        Path plot = dir.resolve("new/deeper/curves.png");
        assertTrue(shell.ok("plot --png " + plot).contains("(created " + dir.resolve("new") + ")"));
        Path gates = dir.resolve("pics/gates.png");
        assertTrue(shell.ok("inspect gates \"The sea\" --png " + gates).contains("(created " + dir.resolve("pics") + ")"));
        String saved = shell.ok("save " + dir.resolve("ckpts/a/first"));
        assertTrue(saved.contains("(created " + dir.resolve("ckpts") + ")"), saved);
        assertTrue(!shell.ok("plot --png " + plot).contains("created"), "nothing made the second time");
    }

    @Test
    void everyFileAskedForHasTheModeOfAnOrdinaryFile() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path plot = dir.resolve("curves.png");
        Path gates = dir.resolve("gates.png");
        Path csv = dir.resolve("history.csv");
        shell.ok("plot --png " + plot, "inspect gates \"The sea\" --png " + gates, "metrics export " + csv);
        var expected = Files.getPosixFilePermissions(plain);
        for (Path p : new Path[] {plot, gates, csv}) {
            assertEquals(expected, Files.getPosixFilePermissions(p), p.toString());
        }
    }
}

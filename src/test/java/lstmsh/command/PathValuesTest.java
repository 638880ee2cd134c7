package lstmsh.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.TestCorpora;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A name the system cannot use as a path is refused in the user's words, whichever command takes it. */
@CommandTest
class PathValuesTest {

    @TempDir Path dir;

    @Test
    void aPathWithANulCharacterIsNamedAsTyped() throws Exception {
        try (ShellFixture shell = new ShellFixture()) {
            shell.ok("corpus load " + TestCorpora.proseFile(dir.resolve("t.txt"), 4_000, 1),
                    "model new --embed 8 --hidden 8 --layers 1");
            var model = shell.workspace.model();
            for (String line : new String[] {"load a\0b", "save a\0b", "plot --png a\0b.png", "corpus load a\0b", "run a\0b"}) {
                String error = shell.fail(line);
                assertTrue(error.matches(".*not a usable path: \"a\\\\0b(\\.png)?\" \\(it holds a NUL character\\);"
                        + " give a file or directory name.*"), line + ": " + error);
                assertFalse(error.contains("java.") || error.contains("Exception"), error);
            }
            assertSame(model, shell.workspace.model());
        }
    }
}

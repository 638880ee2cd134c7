package lstmsh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.TestCorpora;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@code train --precision}: float32 trains, bf16 is refused in one line before the model is touched. */
@CommandTest
class PrecisionOptionTest {

    @TempDir Path dir;

    private final ShellFixture shell = new ShellFixture();

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void bf16IsRefusedInOneLineAndFloat32Trains() throws Exception {
        shell.ok("corpus load " + TestCorpora.proseFile(dir.resolve("prose.txt"), 6_000, 3));
        shell.ok("model new --embed 8 --hidden 16 --layers 1");
        assertTrue(shell.ok("train --steps 2 --batch 4 --seq 16 --precision float32").contains("trained 2 steps"));
        String refused = shell.fail("train --steps 2 --batch 4 --seq 16 --precision bf16");
        assertTrue(refused.contains("--precision bf16 is not available") && refused.contains("docs/precision.md"), refused);
        assertFalse(refused.strip().contains("\n") || refused.contains("Exception"), refused);
        assertTrue(shell.fail("train --steps 2 --precision fp8").contains("use float32"));
        assertEquals(2, shell.workspace.training().globalStep());
    }
}

package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.checkpoint.Checkpoint;
import lstmsh.fit.MachineSpeed;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** fit as a user types it, on a machine whose speed is already in the cache. */
@CommandTest
class FitCommandTest {

    @TempDir Path dir;

    private final ShellFixture shell = new ShellFixture();
    private String cacheBefore;

    @BeforeEach
    void cachedSpeed() throws Exception {
        cacheBefore = System.getProperty("lstmsh.cache");
        System.setProperty("lstmsh.cache", dir.resolve("cache").toString());
        shell.ok("corpus load " + TestCorpora.proseFile(dir.resolve("prose.txt"), 12_000, 3));
        int vocab = shell.workspace.corpus().vocabulary().size();
        MachineSpeed.cachedOrMeasured(dir.resolve("cache"), MachineSpeed.machineKey(), vocab,
                (shape, v) -> 2e10 / shape.flopsPerToken(v));
    }

    @AfterEach
    void close() {
        if (cacheBefore == null) {
            System.clearProperty("lstmsh.cache");
        } else {
            System.setProperty("lstmsh.cache", cacheBefore);
        }
        shell.close();
    }

    @Test
    void planSaysWhatAndWhyAndMarksWhatWasGiven() {
        String out = shell.ok("fit --minutes 10 --plan --hidden 32 --lr 0.01");
        assertTrue(out.contains("speed from cache ("), out);
        assertTrue(out.contains("model") && out.contains("× 32"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("rate") && l.contains("0.01") && l.contains("(given)")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("dropout") && l.contains("passes over")), out);
        assertNull(shell.workspace.model(), "a plan trains nothing");
    }

    @Test
    void fitTrainsKeepsTheBestAndSavesIt() throws Exception {
        Path save = dir.resolve("best");
        String out = shell.ok("fit --minutes 0.05 --embed 16 --hidden 24 --layers 1 --batch 8 --seq 24 --eval-every 5"
                + " --save " + save);
        assertTrue(out.contains("trained ") && out.contains("(time budget reached)"), out);
        assertTrue(out.contains("best model (step "), out);
        assertTrue(out.contains("best n-gram"), out);
        assertNotNull(shell.workspace.model());
        assertTrue(Files.exists(save.resolve("lstmsh.json")));
        try (var loaded = Checkpoint.load(save).model()) {
            assertEquals(24, loaded.settings().topHidden());
        }
        assertTrue(Double.isFinite(shell.workspace.figures().get("train.val_loss")));
        String again = shell.ok("fit --minutes 0.02 --embed 16 --hidden 24 --layers 1 --batch 8 --seq 24");
        assertTrue(again.contains("the loaded model was replaced"), again);
    }

    @Test
    void mistakesGetOneLine() {
        assertTrue(shell.fail("fit").contains("fit --minutes 10"));
        assertTrue(shell.fail("fit --minutes 0").contains("--minutes"));
        assertTrue(shell.fail("fit --minutes 5 --batch 0").contains("--batch must be at least 1"));
        Path taken = dir.resolve("notes");
        assertTrue(taken.toFile().mkdir() && taken.resolve("x.txt").toFile().mkdir());
        assertTrue(shell.fail("fit --minutes 5 --embed 16 --hidden 24 --layers 1 --save " + taken)
                .contains("is not an lstmsh checkpoint"), "refused before training, not at the first best");
        assertNull(shell.workspace.model());
    }
}

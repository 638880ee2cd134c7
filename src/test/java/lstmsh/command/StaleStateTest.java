package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.render.Console;
import lstmsh.render.LiveLine;
import lstmsh.shell.ShellFixture;
import lstmsh.train.MetricPoint;
import lstmsh.train.TrainingState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the shell reports after a run, a stop or a replacement, as a user types it: the best
 * validation counts every pass, and nothing measured on a model or corpus outlives it.
 */
@CommandTest
class StaleStateTest {

    private static final String SMALL_MODEL = "model new --embed 16 --hidden 24 --layers 1";
    private static final String TRAIN = "train --batch 8 --seq 24 --lr 0.01 --eval-every 5";

    @TempDir Path dir;

    /** The run step at which the live line presses Ctrl-C, and how many times; 0: never. */
    private int ctrlCAtRunStep;
    private int ctrlCPresses = 1;
    /** What the live line shows last. */
    private String liveLine = "";

    private final ShellFixture shell = new ShellFixture(this::pressingCtrlC);

    @AfterEach
    void close() {
        shell.close();
    }

    /** A plain console whose live line presses Ctrl-C when the run reaches {@link #ctrlCAtRunStep}. */
    private Console pressingCtrlC(PrintWriter out) {
        return ShellFixture.console(out, false, () -> new LiveLine() {
            @Override
            public void update(String line) {
                liveLine = line;
                if (ctrlCAtRunStep > 0 && line.contains("(run " + ctrlCAtRunStep + "/")) {
                    for (int i = 0; i < ctrlCPresses; i++) {
                        shell.workspace.cancel().cancel();
                    }
                }
            }

            @Override
            public void println(String line) {
                out.println(line);
            }

            @Override
            public void close() {}
        });
    }

    private void loadAndBuild() throws Exception {
        shell.ok("corpus load " + TestCorpora.proseFile(dir.resolve("prose.txt"), 12_000, 3), SMALL_MODEL);
    }

    /** The lowest validation loss in the model's history, where the best must be. */
    private MetricPoint lowestValidation() {
        return shell.workspace.training().history().stream().filter(p -> Double.isFinite(p.valLoss()))
                .min((a, b) -> Double.compare(a.valLoss(), b.valLoss())).orElseThrow();
    }

    private void assertBestIsTheLowest(long expectedStep, String out) {
        TrainingState t = shell.workspace.training();
        MetricPoint lowest = lowestValidation();
        assertEquals(expectedStep, lowest.step(), "this run still improves at its end: " + t.history());
        assertEquals(lowest.valLoss(), t.bestValLoss(), out);
        assertEquals(lowest.step(), t.bestValStep(), out);
        assertTrue(out.contains(String.format("best validation loss so far: %.4f", lowest.valLoss())
                + " (" + lstmsh.util.Format.bits(lowest.valLoss()) + " bits) at step " + expectedStep), out);
        assertEquals(expectedStep, shell.workspace.figures().get("train.best_step"));
        String status = shell.ok("status");
        assertTrue(status.contains(String.format("best val   %.4f", lowest.valLoss())) && status.contains("at step " + expectedStep),
                status);
    }

    @Test
    void theRunsLastPassCountsTowardTheBest() throws Exception {
        loadAndBuild();
        // Passes at 5 (scheduled) and 7 (the run's end).
        String out = shell.ok(TRAIN + " --steps 7");
        assertBestIsTheLowest(7, out);
        assertTrue(liveLine.startsWith("step 7 (run 7/7 100%)") && !liveLine.contains("left"), liveLine);
    }

    @Test
    void theLiveLineAndTheSummaryCountTheModelsSteps() throws Exception {
        loadAndBuild();
        shell.ok(TRAIN + " --steps 7");
        String out = shell.ok(TRAIN + " --steps 3");
        assertTrue(liveLine.startsWith("step 10 (run 3/3 100%)  smoothed loss "), liveLine);
        assertTrue(out.contains("step 10: validation loss"), out);
        assertTrue(out.contains("trained 3 steps (model steps 8–10) in "), out);
        assertTrue(out.contains("training loss " + String.format("%.4f", shell.workspace.figures().get("train.loss"))
                + " (mean of the last 3 steps)"), out);
        assertTrue(shell.ok("metrics show").contains("steps 8–10"));
    }

    @Test
    void ctrlCSaysWhatHappensAndItsPassCountsTowardTheBest() throws Exception {
        loadAndBuild();
        ctrlCAtRunStep = 7;
        String out = shell.ok(TRAIN + " --steps 40");
        assertTrue(out.contains("Ctrl-C: stopping after step 7; validating… (Ctrl-C again skips it)"), out);
        assertTrue(out.indexOf("Ctrl-C: stopping") < out.indexOf("step 7: validation loss"), out);
        assertTrue(out.contains("(stopped by Ctrl-C; the model is kept)"), out);
        assertBestIsTheLowest(7, out);
        String lowest = String.format("%.4f", lowestValidation().valLoss());
        assertTrue(liveLine.startsWith("step 7 (run 7/40 ") && liveLine.contains("val " + lowest)
                && !liveLine.contains("left"), "the live line ends on the stop: " + liveLine);
        // The history's last row holds the pass, and the run's line agrees with it.
        String metrics = shell.ok("metrics show --last 1");
        assertTrue(metrics.contains("steps 1–7") && metrics.contains("validation " + lowest), metrics);
        String lastRow = metrics.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(lastRow.strip().startsWith("7 ") && lastRow.contains(lowest), metrics);
    }

    @Test
    void aSecondCtrlCSkipsTheLastPass() throws Exception {
        loadAndBuild();
        ctrlCAtRunStep = 7;
        ctrlCPresses = 2;
        String out = shell.ok(TRAIN + " --steps 40");
        assertTrue(out.contains("validation at step 7 skipped by a second Ctrl-C"), out);
        assertFalse(out.contains("step 7: validation loss"), out);
        assertTrue(out.contains("validation - nats/token"), out);
        assertEquals(5, shell.workspace.training().bestValStep(), "the scheduled pass at 5 stays the best");
    }

    @Test
    void stepsZeroIsRefusedNotAWholeEpoch() throws Exception {
        loadAndBuild();
        assertTrue(shell.fail("train --steps 0").contains("--steps must be at least 1"));
        assertTrue(shell.fail("train --epochs 0").contains("--epochs must be at least 1"));
        assertEquals(0, shell.workspace.training().globalStep());
    }

    @Test
    void whatWasMeasuredOnAModelGoesWithIt() throws Exception {
        loadAndBuild();
        Path checkpoint = dir.resolve("ck");
        shell.ok("save " + checkpoint, TRAIN + " --steps 6", "sample --length 80 --temperature 0.2", "score \"the old man\"");
        assertFalse(shell.workspace.sampleFindings().isEmpty(), "the untrained sample raised findings");
        assertTrue(shell.ok("diagnose").contains(", last sample"));
        for (String name : List.of("train.loss", "sample.entropy", "score.loss", "diagnose.findings")) {
            assertTrue(shell.workspace.figures().has(name), name);
        }
        String replaced = shell.ok(SMALL_MODEL);
        assertTrue(replaced.contains("dropped the previous model (6 steps, trained since it was last saved or loaded)"),
                replaced);
        String diagnosis = shell.ok("diagnose");
        assertTrue(diagnosis.contains("model trained 0 steps\n"), diagnosis);
        for (String code : List.of("DOMINANT_TOKEN", "LOOP", "REPETITIVE")) {
            assertFalse(diagnosis.contains(code), diagnosis);
        }
        for (String name : List.of("train.loss", "sample.entropy", "score.loss")) {
            assertTrue(shell.fail("expect " + name + " > 0").contains("no figure '" + name + "'"), name);
        }
        assertTrue(shell.workspace.figures().has("corpus.tokens"), "the corpus' figures stay with the corpus");

        // The same after 'load', which says what it dropped too.
        shell.ok(TRAIN + " --steps 3", "sample --length 80 --temperature 0.2");
        String loaded = shell.ok("load " + checkpoint);
        assertTrue(loaded.contains("dropped the previous model (3 steps"), loaded);
        assertTrue(shell.workspace.sampleFindings().isEmpty());
        assertFalse(shell.workspace.figures().has("sample.entropy"));
        assertEquals(0, shell.workspace.figures().get("train.global_step"), "load's own figure");
    }

    @Test
    void whatWasMeasuredAgainstACorpusGoesWithIt() throws Exception {
        loadAndBuild();
        shell.ok(TRAIN + " --steps 3", "sample --length 80 --temperature 0.2");
        double before = shell.workspace.figures().get("corpus.tokens");
        Path other = dir.resolve("other.txt");
        Files.writeString(other, Files.readString(dir.resolve("prose.txt")).substring(0, 6_000));
        shell.ok("corpus load " + other);
        assertTrue(shell.workspace.figures().get("corpus.tokens") < before);
        assertFalse(shell.workspace.figures().has("sample.entropy"), "judged against the previous corpus");
        assertTrue(shell.workspace.sampleFindings().isEmpty());
        assertTrue(shell.workspace.figures().has("train.loss"), "the model's training stays");
        String diagnosis = shell.ok("diagnose");
        assertFalse(diagnosis.contains("last sample"), diagnosis);
    }

    @Test
    void movingTheModelKeepsItsFigures() throws Exception {
        loadAndBuild();
        shell.ok(TRAIN + " --steps 2");
        shell.ok("device cpu");
        assertTrue(shell.workspace.figures().has("train.loss"));
    }
}

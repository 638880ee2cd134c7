package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

@CommandTest
class InspectCommandsTest {

    @TempDir
    Path dir;

    private final ShellFixture shell = new ShellFixture();

    @BeforeEach
    void setUp() throws IOException {
        Path prose = TestCorpora.proseFile(dir.resolve("prose.txt"), 20_000, 7);
        shell.ok("corpus load " + prose);
        shell.ok("model new --embed 16 --hidden 32,32 --seed 2");
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private static void assertHas(String text, String part) {
        assertTrue(text.contains(part), "no '" + part + "' in:\n" + text);
    }

    @Test
    void inputsEndingInTheSameLongTailCollapseAndVariedOnesDoNot() {
        String tail = ".".repeat(60);
        String out = shell.ok("inspect hidden \"Anna" + tail + "\" \"Peter ran" + tail + "\" \"The" + tail + "\"",
                "expect warning HIDDEN_COLLAPSE");
        assertHas(out, "distance between the top layer's final h for 3 inputs, % of their size");
        assertHas(out, "cosine compares direction only");
        assertHas(out, "  \"Anna..............");
        assertHas(out, "warning HIDDEN_COLLAPSE: the final hidden states of 3 inputs are nearly identical");
        assertHas(out, "if the inputs end alike, read the state before their common tail\n  try: model new --embed 16 --hidden 64 --layers 2");
        out = shell.ok("inspect hidden \"It was a windy evening\" \"The End of Chapter 3.\"", "expect no-warning HIDDEN_COLLAPSE");
        assertFalse(out.contains("warning HIDDEN_COLLAPSE"), out);
        out = shell.ok("inspect hidden --from-corpus 3 --length 20");
        // Each window is shown by its text, not only its position.
        assertTrue(out.lines().anyMatch(l -> l.matches("  #1 @\\d+: \".+\"")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("  #3 @\\d+: \".+\"")), out);
        assertHas(shell.fail("inspect hidden \"a\" --from-corpus 2"), "give TEXT inputs or --from-corpus, not both");
        assertHas(shell.fail("inspect hidden --from-corpus 2 --length 0"), "--length must be between 1 and the corpus size, got 0");
        assertHas(shell.fail("inspect hidden \"only one\""), "give at least two inputs");
    }

    @Test
    void stateAndGatesShowTheirChecks() {
        String out = shell.ok("inspect state \"The sea€\"", "expect inspect.output_hn_diff < 0.000001");
        assertHas(out, "note: skipped tokens not in the vocabulary: €");
        assertHas(out, "check: output at the last step equals the top layer's h_n");
        out = shell.ok("inspect gates \"Chapter 1\" --gate g --layer 1", "expect no-warning SATURATED_GATES");
        assertHas(out, "(match)");
        assertHas(out, "g of layer 1, one row per step");
        assertHas(shell.fail("inspect gates \"Chapter 1\" --gate zzz"), "unknown gate 'zzz'; use input, forget, output");
        assertHas(shell.fail("inspect gates \"Chapter 1\" --layer 2"), "--layer must be between 0 and 1, got 2");
        assertHas(shell.fail("inspect state \"€\""), "the text has no token the model knows");
    }

    @Test
    void theGateSummaryIsTheSaturationTableOnValidationWindows() {
        String out = shell.ok("inspect gates --summary", "expect no-warning SATURATED_GATES",
                "expect inspect.saturated_share < 0.6");
        assertHas(out, "gate saturation on 8 validation windows of 100 tokens (800 steps): share of time below 0.1 (left)"
                + " and above 0.9 (right)\n  layer  gate     left   right   saturated\n      0  input ");
        assertHas(out, "      1  output ");
        assertHas(out, "  layer 1: gates saturated ");
        assertHas(shell.fail("inspect gates"), "give the TEXT to run through the model, or --summary for the saturation table");
        assertHas(shell.fail("inspect gates \"Chapter 1\" --summary"), "give TEXT or --summary, not both");
        // Weights forty times too large pin every gate to an end.
        shell.ok("model new --embed 16 --hidden 32 --layers 1 --init normal:4 --seed 2");
        out = shell.ok("inspect gates --summary", "expect warning SATURATED_GATES");
        assertHas(out, "warning SATURATED_GATES: layer 0's input, forget and output gates are saturated ");
        assertHas(out, "try: train --clip 1");
        assertHas(shell.ok("diagnose"), "gate saturation on 8 validation windows");
    }

    @Test
    void helpShowsTheDefaultsAndDiagnoseReportsWhatItChecked() {
        assertHas(shell.ok("help inspect gates").replaceAll("\\s+", " "), "(default: forget)");
        String hidden = shell.ok("help inspect hidden").replaceAll("\\s+", " ");
        assertHas(hidden, "(default: 100)");
        assertHas(hidden, "Seed of the windows (default: 1)");
        String out = shell.ok("diagnose");
        assertHas(out, "diagnose: corpus ");
        assertHas(out, ", model trained 0 steps");
        assertHas(out, "info NOT_CONVERGED: the model has not been trained yet: its validation loss 4.158 nats/token is uniform"
                + " guessing's (ln 64 = 4.159)\n  try: train --steps 500");
        assertHas(out, "finding(s) above info");
    }
}

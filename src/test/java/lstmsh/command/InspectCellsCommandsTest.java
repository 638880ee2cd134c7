package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@CommandTest
class InspectCellsCommandsTest {

    @TempDir
    Path dir;

    private final ShellFixture shell = new ShellFixture();

    @BeforeEach
    void setUp() throws IOException {
        Path prose = TestCorpora.proseFile(dir.resolve("prose.txt"), 20_000, 7);
        shell.ok("corpus load " + prose);
        shell.ok("model new --embed 16 --hidden 32,24 --seed 2");
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private static void assertHas(String text, String part) {
        assertTrue(text.contains(part), "no '" + part + "' in:\n" + text);
    }

    @Test
    void cellsListTheBestUnitsPerTrackAndTheirFigures() {
        String out = shell.ok("inspect cells --tokens 1500 --track the=the",
                "expect cells.best_r > 0", "expect cells.tracking_share >= 0", "expect cells.column_r > 0");
        assertHas(out, "cells of 2 layers (32,24 units) over 1,500 tokens of validation text");
        assertTrue(out.lines().anyMatch(l -> l.matches("  quote +inside double quotes \\(a blank line ends one\\) +\\d+:\\d+ +[hc] [+-]0\\.\\d\\d.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  the ") && l.contains("inside a match of the")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\d+ of 56 units \\(\\d+\\.\\d%\\) follow some track with \\|r\\| >= 0\\.5;.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("try: inspect ablate \\d:\\d+ --track \\w+ .*")), out);
        out = shell.ok("inspect cells --text 'Ben asked, \"Does Mabel sing?\"\\nNo.'");
        assertHas(out, "over the text given (33 tokens)");
    }

    @Test
    void showShadesATextByOneUnitWithDigitsOnAPlainConsoleAndAsAPicture() {
        String out = shell.ok("inspect cells --show 1:3 'Ben said \"hi\".\\nNo.' --png " + dir.resolve("pics/cell.png"));
        assertHas(out, "h of unit 1:3, digit under each character: 0 is -1, 9 is +1:");
        assertHas(out, "  Ben said \"hi\".↵\n  ");
        assertTrue(out.lines().anyMatch(l -> l.matches("  [0-9]{15}")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("  [0-9]{3}")), out);
        assertHas(out, "wrote " + dir.resolve("pics/cell.png"));
        assertTrue(Files.isRegularFile(dir.resolve("pics/cell.png")));
        out = shell.ok("inspect cells --show 0:0 \"No.\" --cell");
        assertHas(out, "tanh(c) of unit 0:0");
        try (ShellFixture colour = ShellFixture.colour()) {
            colour.ok("corpus load " + dir.resolve("prose.txt"), "model new --embed 16 --hidden 32 --seed 2");
            out = colour.ok("inspect cells --show 0:1 \"No.\"");
            assertHas(out, "blue -1, white 0, red +1:");
            assertHas(out, "\u001b[30;48;5;");
        }
    }

    @Test
    void badCellRequestsSayWhatToGive() {
        assertHas(shell.fail("inspect cells --show 5:1 \"No.\""), "no unit 5:1: layers are 0..1 and layer 1 has units 0..23");
        assertHas(shell.fail("inspect cells --show one \"No.\""), "a unit is LAYER:UNIT, e.g. 1:42, got 'one'");
        assertHas(shell.fail("inspect cells --png x.png"), "--png goes with --show L:U TEXT");
        assertHas(shell.fail("inspect cells --track quotes"), "--track wants NAME=REGEX");
        assertHas(shell.fail("inspect cells --track q=\"(\""), "--track q: not a valid regular expression");
        assertHas(shell.fail("inspect cells --tokens 1"), "--tokens must be at least 2, got 1");
        assertHas(shell.fail("inspect cells --text a --file b.txt"), "give --text or --file, not both");
    }

    @Test
    void matchFindsStretchesWhereTheSpansUnitsAreOnAndSaysTheThresholdItChose() throws IOException {
        String out = shell.ok("inspect match \"the\" --tokens 1500 --threshold 0", "expect match.count >= 1",
                "expect match.units >= 1");
        assertHas(out, "threshold 0.00\n");
        assertTrue(out.lines().anyMatch(l -> l.matches("\\d+ of 56 units on across the span: \\d:\\d+.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("  +1 +\\d+ +\\d+ +[01]\\.\\d\\d +\\d+  .*\\[.+\\].*")), out);
        out = shell.ok("inspect match \"the\" --tokens 1500 --layers 1 --top 2 --off-before");
        assertTrue(out.lines().anyMatch(l -> l.matches("threshold -?\\d\\.\\d\\d \\(no --threshold: 10% of the h values of layer 1 are at or above it\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\d+ of 24 units on across the span and off just before it.*")), out);
        Path file = Files.writeString(dir.resolve("other.txt"), "Mabel said no.\nBen said yes.\n");
        out = shell.ok("inspect match \"said\" --file " + file + " --threshold 0.99");
        assertHas(out, "0 of 56 units on across the span");
        assertHas(out, "no match to look for; try a lower --threshold or a shorter span");
        assertHas(shell.fail("inspect match \"zzqq\" --tokens 500"), "\"zzqq\" does not occur in 500 tokens of validation text");
        assertHas(shell.fail("inspect match the --layers 2"), "--layers: the model has layers 0..1, got 2");
        assertHas(shell.fail("inspect match the --layers top"), "--layers wants all or layer numbers like 0,1, got 'top'");
    }

    @Test
    void ablateComparesTheLossWithTheUnitsHeld() {
        String out = shell.ok("inspect ablate 0:1,1:2 --tokens 1500", "expect ablate.delta_loss > -10");
        assertTrue(out.lines().anyMatch(l -> l.matches("unit 0:1 follows \\w+ best \\(\\|r\\| 0\\.\\d\\d\\); .*")), out);
        assertHas(out, "held 0:1 at 0.000, 1:2 at 0.000 over 1,500 tokens of validation text");
        assertTrue(out.lines().anyMatch(l -> l.matches("  all +1499 +\\d\\.\\d{4} +\\d\\.\\d{4}  [+-]\\d\\.\\d{4}")), out);
        out = shell.ok("inspect ablate 1:0 --value mean --track quote --tokens 1500", "expect ablate.track_delta_loss > -10");
        assertTrue(out.lines().anyMatch(l -> l.matches("held 1:0 at -?0\\.\\d{3} over .*")), out);
        assertHas(out, "  while quote is on");
        assertHas(out, "  where quote ends");
        assertHas(shell.fail("inspect ablate 0:1 --value 2"), "--value is 0 or mean, got '2'");
        assertHas(shell.fail("inspect ablate 0:40"), "no unit 0:40");
        assertHas(shell.fail("inspect ablate 0:1 --track nothing"), "no track 'nothing'; use one of quote, brackets");
    }
}

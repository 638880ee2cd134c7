package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sampling commands as a user types them, on models trained in the test. */
@CommandTest
class SamplingCommandsTest {

    @TempDir
    Path dir;

    private final ShellFixture shell = new ShellFixture();

    @AfterEach
    void close() {
        shell.close();
    }

    /** The first 100k characters of the shipped corpus: enough for a small model to learn words. */
    private String talesPart() throws IOException {
        String text = Files.readString(Path.of("corpora/tales.txt"), StandardCharsets.UTF_8);
        Path part = dir.resolve("tales-part.txt");
        Files.writeString(part, text.substring(0, 100_000), StandardCharsets.UTF_8);
        return part.toString();
    }

    @Test
    void aBrieflyTrainedModelOnTheShippedCorpusRaisesNoWarningAtTemperatureOne() throws IOException {
        shell.ok("corpus load " + talesPart(),
                "model new --embed 16 --hidden 64 --layers 1 --seed 1",
                "train --steps 80 --batch 12 --seq 50 --lr 0.015 --sample-every 40 --sample-length 60");
        String out = shell.ok("sample --length 300 --count 3 --seed 1",
                "expect sample.warnings <= 0",
                "expect no-warning LOOP",
                "expect sample.distinct2 > 0.3",
                "expect sample.perplexity < 30",
                "expect sample.copied_share < 0.5");
        assertTrue(out.contains("-- sample 3 of 3 (seed 3)"), out);
        assertTrue(out.contains("copied from the training text"), out);
        assertEquals(3, out.split("no warnings", -1).length - 1, out);
        String table = shell.ok("sample --temperatures 0.5,1.0,1.5 --length 120");
        assertTrue(table.contains("temperature  entropy"), table);
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("1.5 ")), table);
    }

    @Test
    void aSmallModelOnAnImbalancedCorpusCollapsesAndIsNamed() {
        Path corpus = dir.resolve("imbalanced.txt");
        String out = shell.ok("corpus generate " + corpus + " --kind imbalanced",
                "corpus load " + corpus,
                "model new --embed 16 --hidden 32 --layers 1 --seed 1",
                "train --steps 100 --batch 8 --seq 40 --lr 0.02 --sample-every 50 --sample-length 40",
                "sample --length 300",
                "expect warning LOOP",
                "expect warning LOW_ENTROPY",
                "expect no-warning MEMORIZED",
                "expect sample.copied_share > 0.8");
        assertTrue(out.contains("sample at step 50: "), out);
        assertTrue(out.contains("sample at step 100: "), out);
        assertTrue(out.contains("warning LOOP: a 20-token sequence"), out);
        assertTrue(out.contains("advice: "), out);
    }

    @Test
    void optionsWorkAndMistakesAreOneLine() throws IOException {
        shell.ok("corpus load " + talesPart(), "model new --embed 8 --hidden 16 --layers 1");
        String stop = shell.ok("sample --length 400 --stop e --seed 2");
        assertTrue(stop.contains("stopped at \"e\""), stop);
        String skipped = shell.ok("sample --length 20 --prime \"Thé\\nk\"");
        // The warning comes before the sample it concerns.
        assertTrue(skipped.startsWith("warning: skipped prime tokens not in the vocabulary: 'é'\nTh\nk"), skipped);
        // Options left out take their defaults again, not the previous line's values.
        String again = shell.ok("sample --length 20");
        assertFalse(again.contains("skipped prime tokens") || again.contains("stopped at"), again);
        assertTrue(again.contains("[20 tokens, temperature 1.0: "), again);
        assertTrue(shell.fail("sample --prime Thé --on-unknown stop").contains("'é'"));
        assertTrue(shell.fail("sample --top-p 0").contains("--top-p"));
        assertTrue(shell.fail("sample --temperature -1").contains("--temperature"));
        assertTrue(shell.fail("sample --temperatures 0.5,x").contains("--temperatures"));
        assertTrue(shell.fail("sample --color rainbow").contains("--color"));
        assertTrue(shell.fail("sample --temperatures 0.5 --count 2").contains("either"));
        String plain = shell.ok("sample --length 10 --color surprisal --greedy --top-k 3");
        assertTrue(plain.contains("not a colour terminal"), plain);
        assertFalse(plain.contains("\u001b["), plain);
        assertTrue(plain.contains("greedy"), plain);
        assertTrue(shell.fail("train --steps 1 --sample-every -1").contains("--sample-every"));
    }

    @Test
    void helpShowsTheDefaultsOfTheSettingsAndCompletionOffersTheirValues() {
        String help = shell.ok("sample --help");
        assertTrue(help.contains("(default: " + lstmsh.sample.SamplingSettings.DEFAULT_LENGTH + ")"), help);
        assertTrue(help.contains("(default: skip)") && help.contains("(default: none)"), help);
        assertEquals(List.of("none", "surprisal"), toList(new SampleReportView.ColourNames()));
        assertEquals(List.of("skip", "stop"), toList(new SampleReportView.UnknownPolicyNames()));
    }

    private static List<String> toList(Iterable<String> values) {
        List<String> out = new java.util.ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    @Test
    void surprisalColourOnAColourConsole() throws IOException {
        ShellFixture colour = ShellFixture.colour();
        String out;
        try (colour) {
            out = colour.ok("corpus load " + talesPart(), "model new --embed 8 --hidden 16 --layers 1",
                    "sample --length 50", "sample --length 50 --color surprisal");
        }
        int second = out.lastIndexOf("[50 tokens");
        int legend = out.indexOf("colours: ");
        assertTrue(legend > second, out);
        assertFalse(out.substring(0, out.indexOf("[50 tokens")).contains("\u001b["), "plain unless asked");
        assertTrue(out.substring(out.indexOf("[50 tokens") + 1, second).contains("\u001b["), out);
    }

    @Test
    void scoreShowsSurprisalRanksAndTotals() throws IOException {
        shell.ok("corpus load " + talesPart(), "model new --embed 8 --hidden 16 --layers 1");
        String out = shell.ok("score \"The lamp.\\nBen\"", "expect score.tokens >= 13", "expect score.perplexity > 1");
        assertTrue(out.contains("top 3 alternatives"), out);
        assertTrue(out.contains("the 10 most surprising, highlighted:"), out);
        assertTrue(out.contains("perplexity"), out);
        assertEquals(10, out.lines().filter(l -> l.startsWith("* ")).count(), out);
        Path file = dir.resolve("text.txt");
        Files.writeString(file, "Ben read slowly. ".repeat(20), StandardCharsets.UTF_8);
        String cut = shell.ok("score --file " + file + " --rows 50");
        assertTrue(cut.contains("only the 10 most surprising shown"), cut);
        assertTrue(shell.fail("score").contains("TEXT or --file"));
        assertTrue(shell.fail("score --file " + dir.resolve("missing.txt")).contains("no such file"));
    }

    @Test
    void benchmarkFiguresComeOutOfTheCoreClass() {
        var r = lstmsh.sample.SamplingBenchmark.run(new lstmsh.model.ModelSettings(8, java.util.List.of(16), 0f, 1), 30,
                100, 200, 1, 20, s -> {}, null);
        assertTrue(r.preparedTokPerS() > 0 && r.fusedTokPerS() > 0);
        assertTrue(r.scaling() > 0 && Double.isFinite(r.scaling()));
        assertEquals(java.util.Set.of("bench.sample_tok_per_s", "bench.sample_fused_tok_per_s", "bench.sample_scaling"),
                r.figures().keySet());
    }
}

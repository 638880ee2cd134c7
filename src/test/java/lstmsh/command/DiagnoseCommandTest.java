package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

@CommandTest
class DiagnoseCommandTest {

    @Test
    void theHelpListsEveryFindingCode() {
        CommandLine diagnose = new CommandLine(new DiagnoseCommand(null));
        DiagnoseCommand.describeCodes(diagnose);
        String help = diagnose.getUsageMessage();
        for (FindingCode code : FindingCode.values()) {
            assertTrue(help.contains(code.name()), code + " missing from:\n" + help);
        }
    }

    /**
     * A model that learned nothing (8 units, near-zero weights, 30 steps on a corpus that is 85% one letter)
     * samples uniform noise: the sample report warns NOISE, and diagnose says it is worse than the unigram.
     */
    @Test
    void aModelThatLearnedNothingSamplesNoiseAndIsWorseThanTheUnigram(@TempDir Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(random.nextDouble() < 0.85 ? 'a' : (char) ('b' + random.nextInt(9)));
        }
        Path corpus = Files.writeString(dir.resolve("skewed.txt"), text);
        try (ShellFixture shell = new ShellFixture()) {
            String sample = shell.ok("corpus load " + corpus,
                    "model new --hidden 8 --layers 1 --init uniform:0,0.001 --seed 1",
                    "train --steps 30 --eval-every 15 --seed 1", "sample --length 100 --seed 1");
            assertTrue(sample.contains("warning NOISE: "), sample);
            assertTrue(sample.contains("advice: train --steps 500"), sample);
            String diagnose = shell.ok("diagnose");
            assertTrue(diagnose.contains("WORSE_THAN_UNIGRAM: validation loss"), diagnose);
            assertTrue(diagnose.indexOf("WORSE_THAN_UNIGRAM") < diagnose.indexOf("CORPUS_IMBALANCE"),
                    "fix this first:\n" + diagnose);
        }
    }

    @Test
    void findingsReadAsSeverityCodeEvidenceThenTheFix() {
        StringWriter text = new StringWriter();
        List<Finding> findings = List.of(
                Finding.problem(FindingCode.INIT_SCALE, "tiny weights", "model new --init xavier"),
                Finding.info(FindingCode.NOT_CONVERGED, "not trained yet", "train --steps 500"),
                Finding.warning(FindingCode.LOOP, "a loop", "sample --temperature 1.2"),
                Finding.warning(FindingCode.LOOP, "another loop", "sample --top-p 0.9"));
        FindingsView.print(new PrintWriter(text, true), findings);
        assertEquals(String.join(System.lineSeparator(),
                "warning INIT_SCALE: tiny weights", "  try: model new --init xavier",
                "info NOT_CONVERGED: not trained yet", "  try: train --steps 500",
                "warning LOOP: a loop", "  try: sample --temperature 1.2",
                "warning LOOP: another loop", "  try: sample --top-p 0.9", ""), text.toString());
        assertEquals(List.of("INIT_SCALE", "NOT_CONVERGED", "LOOP"), FindingsView.codes(findings));
    }
}

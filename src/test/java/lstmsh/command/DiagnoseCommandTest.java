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
            assertTrue(diagnose.contains("fix first: WORSE_THAN_UNIGRAM"), diagnose);
            assertTrue(diagnose.indexOf("WORSE_THAN_UNIGRAM:") < diagnose.indexOf("CORPUS_IMBALANCE:"), diagnose);
            // The initialisation the model was built with is named as the cause, with its numbers.
            assertTrue(diagnose.contains("warning INIT_SCALE: the model was built with --init uniform:0,0.001: weights of"
                    + " RMS 0.00058 where Xavier gives"), diagnose);
            assertTrue(diagnose.contains("try: model new --embed 64 --hidden 8 --layers 1 --init xavier"), diagnose);
            assertTrue(diagnose.contains("gate saturation on 8 validation windows of 100 tokens"), diagnose);
        }
    }

    @Test
    void findingsReadAsSeverityCodeEvidenceThenTheFixLikeliestCauseFirst() {
        StringWriter text = new StringWriter();
        List<Finding> findings = List.of(
                Finding.warning(FindingCode.LOOP, "a loop", "inspect loop"),
                Finding.info(FindingCode.CONSTANT_TAIL, "a rule", "inspect hidden --from-corpus 8"),
                Finding.problem(FindingCode.INIT_SCALE, "tiny weights", "model new --init xavier"),
                Finding.warning(FindingCode.LOOP, "another loop", "inspect loop"));
        FindingsView.print(new PrintWriter(text, true), findings);
        assertEquals(String.join(System.lineSeparator(),
                "fix first: INIT_SCALE, the likeliest cause; the findings after it may follow from it",
                "warning INIT_SCALE: tiny weights", "  try: model new --init xavier",
                "warning LOOP: a loop", "  try: inspect loop",
                "warning LOOP: another loop", "  try: inspect loop",
                "info CONSTANT_TAIL: a rule", "  try: inspect hidden --from-corpus 8", ""), text.toString());
        assertEquals(List.of("LOOP", "CONSTANT_TAIL", "INIT_SCALE"), FindingsView.codes(findings));
    }
}

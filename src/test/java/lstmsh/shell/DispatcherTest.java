package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.TestCorpora;
import lstmsh.finding.FindingCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

@CommandTest
class DispatcherTest {

    @TempDir Path dir;

    private Path corpusFile() throws Exception {
        return TestCorpora.proseFile(dir.resolve("tiny.txt"), 12_000, 3);
    }

    @Test
    void theWholeLoopRunsThroughTheDispatcher() throws Exception {
        Path file = corpusFile();
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("corpus load " + file).ok());
            assertTrue(shell.output().contains("unigram entropy"));
            assertTrue(shell.run("model new --embed 8 --hidden 24 --layers 1").ok());
            assertTrue(shell.output().contains("LSTM(24)"));
            assertTrue(shell.run("train --steps 30 --batch 8 --seq 24 --lr 0.01").ok());
            String trained = shell.output();
            assertTrue(trained.contains("trained 30 steps"), trained);
            assertEquals(30, shell.workspace.figures().get("train.steps"));
            assertTrue(shell.run("sample --length 40 --seed 3 --prime \"The \"").ok());
            String sampled = shell.output();
            assertTrue(sampled.startsWith("The "), sampled);
            assertTrue(sampled.contains("entropy"), sampled);
            assertEquals(40, shell.workspace.figures().get("sample.tokens"));
            assertTrue(shell.run("expect train.val_loss < 10").ok());
            assertTrue(shell.run("save " + dir.resolve("ck")).ok());
            assertTrue(shell.run("load " + dir.resolve("ck")).ok());
            assertEquals(30, shell.workspace.training().globalStep());
        }
    }

    @Test
    void errorsAreOneLineAndKeepWhatTheUserHad() throws Exception {
        Path file = corpusFile();
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("corpus load " + file).ok());
            var corpus = shell.workspace.corpus();
            assertTrue(shell.run("model new --embed 8 --hidden 16 --layers 1").ok());
            var model = shell.workspace.model();

            Dispatcher.Outcome missing = shell.run("corpus load " + dir.resolve("nope.txt"));
            assertFalse(missing.ok());
            assertTrue(missing.error().contains("no such file"), missing.error());
            assertSame(corpus, shell.workspace.corpus());

            Dispatcher.Outcome badOption = shell.run("train --stepz 3");
            assertFalse(badOption.ok());
            assertTrue(badOption.error().contains("--stepz") && badOption.error().contains("train --help"),
                    badOption.error());

            Dispatcher.Outcome badValue = shell.run("train --steps 2 --lr -1");
            assertTrue(badValue.error().contains("--lr"), badValue.error());

            Dispatcher.Outcome badNumber = shell.run("sample --length many");
            assertTrue(badNumber.error().contains("many"), badNumber.error());

            Dispatcher.Outcome notACheckpoint = shell.run("load " + dir);
            assertTrue(notACheckpoint.error().contains("not an lstmsh checkpoint"), notACheckpoint.error());
            assertSame(model, shell.workspace.model());

            Dispatcher.Outcome tooBig = shell.run("train --steps 1 --batch 4096 --seq 500");
            assertTrue(tooBig.error().contains("lower --batch or --seq"), tooBig.error());

            for (Dispatcher.Outcome o : new Dispatcher.Outcome[] {missing, badOption, badValue, badNumber, tooBig}) {
                assertFalse(o.error().contains("\n"), o.error());
            }
        }
    }

    @Test
    void commandsNeedWhatTheyBuildOn() {
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("model new").error().contains("corpus load"));
            assertTrue(shell.run("train").error().contains("corpus load"));
            assertTrue(shell.run("sample").error().contains("model new"));
            assertTrue(shell.run("save x").error().contains("model new"));
        }
    }

    @Test
    void unknownCommandsGetASuggestion() {
        try (ShellFixture shell = new ShellFixture()) {
            Dispatcher.Outcome o = shell.run("trian --steps 3");
            assertFalse(o.ok());
            assertTrue(o.error().contains("did you mean 'train'"), o.error());
            assertTrue(shell.run("  # only a comment").ok());
            assertTrue(shell.run("").ok());
        }
    }

    @Test
    void expectComparesFiguresAndExplainsFailures() throws Exception {
        Path file = corpusFile();
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("corpus load " + file).ok());
            assertTrue(shell.run("expect corpus.tokens > 1000").ok());
            assertTrue(shell.run("expect corpus.vocab <= corpus.tokens").ok());
            Dispatcher.Outcome fails = shell.run("expect corpus.unigram_entropy < 1");
            assertFalse(fails.ok());
            assertTrue(fails.error().startsWith("expected corpus.unigram_entropy < 1, but it is"), fails.error());
            Dispatcher.Outcome unknown = shell.run("expect corpus.tokenz > 1");
            assertTrue(unknown.error().contains("did you mean corpus.tokens"), unknown.error());
            Dispatcher.Outcome notYet = shell.run("expect train.loss < 1");
            assertTrue(notYet.error().contains("run 'train' first"), notYet.error());
            Dispatcher.Outcome op = shell.run("expect corpus.tokens ~ 1");
            assertTrue(op.error().contains("use <, <=, > or >="), op.error());
            assertTrue(shell.run("expect no-warning LOOP").ok());
            assertFalse(shell.run("expect warning LOOP").ok());
        }
    }

    @Test
    void expectTakesExactlyTheFindingCodes() {
        try (ShellFixture shell = new ShellFixture()) {
            for (FindingCode code : FindingCode.values()) {
                assertTrue(shell.run("expect no-warning " + code).ok(), code.name());
                assertTrue(shell.fail("expect warning " + code).startsWith("expected warning " + code + ", but"));
            }
            assertEquals("no warning code 'LOPP'; did you mean LOOP? (see 'help expect' for the codes)",
                    shell.fail("expect no-warning LOPP"));
            assertTrue(shell.fail("expect warning loop").contains("did you mean LOOP?"));
            assertTrue(shell.fail("expect no-warning SOMETHING").startsWith("no warning code 'SOMETHING' (see"));
        }
    }

    @Test
    void helpShowsUsageWithAnExample() {
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("help train").ok());
            String help = shell.output();
            assertTrue(help.contains("--steps") && help.contains("Example:") && help.contains("default: 64"), help);
            assertTrue(shell.run("sample --help").ok());
            String sampleHelp = shell.output();
            assertTrue(sampleHelp.contains("--temperature") && sampleHelp.contains("Example:"), sampleHelp);
        }
    }
}

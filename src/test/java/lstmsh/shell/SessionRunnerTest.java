package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.TestCorpora;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@CommandTest
class SessionRunnerTest {

    @TempDir Path dir;

    @Test
    void relativePathsInAFileAreReadAgainstTheFileAndEveryRunEndsWithItsVerdict() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/sessions"));
        TestCorpora.proseFile(Files.createDirectories(dir.resolve("project/corpora")).resolve("tiny.txt"), 8_000, 2);
        Path session = project.resolve("s.lstm");
        Files.writeString(session, String.join("\n",
                "corpus load ../corpora/tiny.txt --val-fraction 0.1",
                "corpus generate --kind imbalanced ../out/made.txt",
                "expect corpus.tokens > 100",
                "# a comment"));
        try (ShellFixture shell = new ShellFixture()) {
            // The shell runs in another folder than the file's: the paths still find the file's neighbours.
            assertTrue(shell.workspace.runner().runFile(session.toString()));
            String out = shell.output();
            assertTrue(out.contains("lstmsh> corpus load ../corpora/tiny.txt"), "the transcript shows the line as written: " + out);
            assertTrue(Files.exists(dir.resolve("project/out/made.txt")), out);
            assertTrue(out.endsWith("s.lstm: passed (3 of 3 commands ran)\n"), out);
            assertEquals(List.of("plot", "--png=" + dir.resolve("p.png"), "--width", "40"),
                    SessionPaths.resolve(shell.dispatcher.commandLine().getCommandSpec(),
                            List.of("plot", "--png=p.png", "--width", "40"), dir));
        }
    }

    @Test
    void aFailingLineReportsFileAndLineAndStopsTheRun() throws Exception {
        TestCorpora.proseFile(dir.resolve("tiny.txt"), 8_000, 2);
        Path session = dir.resolve("s.lstm");
        Files.writeString(session, String.join("\n",
                "# a comment",
                "",
                "corpus load " + dir.resolve("tiny.txt") + "   # trailing comment",
                "expect corpus.tokens > 100000",
                "echo never reached"));
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.workspace.runner().runFile(session.toString()));
            String out = shell.output();
            assertTrue(out.contains("lstmsh> corpus load"), out);
            assertTrue(out.contains("s.lstm:4: expected corpus.tokens > 100000, but it is"), out);
            assertFalse(out.contains("never reached"), out);
            assertTrue(out.endsWith("s.lstm: failed at line 4 (2 of 3 commands ran)\n"), out);
        }
    }

    @Test
    void nestedFilesResolveAgainstTheIncludingFileAndCyclesAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("outer.lstm"), "echo outer\nrun sub/inner.lstm\necho after\n");
        Files.writeString(dir.resolve("sub/inner.lstm"), "echo inner\n");
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.workspace.runner().runFile(dir.resolve("outer.lstm").toString()));
            String out = shell.output();
            assertTrue(out.indexOf("outer") < out.indexOf("inner") && out.indexOf("inner") < out.indexOf("after"), out);
        }
        Files.writeString(dir.resolve("sub/inner.lstm"), "echo inner\nrun ../outer.lstm\n");
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.workspace.runner().runFile(dir.resolve("outer.lstm").toString()));
            String out = shell.output();
            assertTrue(out.contains("inner.lstm:2: run cycle"), out);
            // The failure is reported once, at the innermost line.
            assertEquals(1, out.split("run cycle", -1).length - 1, out);
        }
    }

    @Test
    void theProgramExitsWithTheSessionsStatus() throws Exception {
        Path ok = dir.resolve("ok.lstm");
        Files.writeString(ok, "echo fine\n");
        Path bad = dir.resolve("bad.lstm");
        Files.writeString(bad, "echo fine\nnonsense\n");
        assertEquals(0, ProgramRunner.exitStatus("run", ok.toString()));
        assertEquals(1, ProgramRunner.exitStatus("run", bad.toString()));
        assertEquals(1, ProgramRunner.exitStatus("run", dir.resolve("missing.lstm").toString()));
        assertEquals(0, ProgramRunner.exitStatus("-c", "echo a; echo b"));
        assertEquals(1, ProgramRunner.exitStatus("-c", "echo a; expect x < 1"));
    }

    @Test
    void oneLoopServesFilesAndCommands() {
        try (ShellFixture shell = new ShellFixture()) {
            SessionRunner runner = shell.dispatcher.runner();
            SessionRunner.Run run = runner.runLines(
                    List.of("# note", "echo a", "", "nonsense", "echo ${NOPE}", "echo b"), true, true, n -> "at " + n + ": ", null);
            assertEquals(new SessionRunner.Run(4, List.of(4, 5), true), run);
            String transcript = shell.output();
            assertTrue(transcript.startsWith("lstmsh> echo a\na\nlstmsh> nonsense\nat 4: unknown command 'nonsense'"),
                    transcript);
            assertTrue(transcript.contains("\nlstmsh> echo ${NOPE}\nat 5: no variable 'NOPE'"), transcript);
            assertTrue(transcript.endsWith("\nlstmsh> echo b\nb\n") && !transcript.contains("note"), transcript);
            assertEquals(new SessionRunner.Run(2, List.of(2), false),
                    runner.runLines(List.of("echo a", "nonsense", "echo b"), false, true, n -> "", null));
            shell.output();

            // -c: no transcript, "error: ...", the first failure stops the rest.
            assertFalse(runner.runCommands("echo one; expect x < 1; echo two", false));
            String stopped = shell.output();
            assertTrue(stopped.startsWith("one\nerror: no figure 'x' yet") && !stopped.contains("two"), stopped);
            assertFalse(runner.runCommands("echo ${NOPE}; echo two", true));
            String out = shell.output();
            assertTrue(out.startsWith("error: no variable 'NOPE'") && out.endsWith("\ntwo\n"), out);
            // A comment ends at the next ';'.
            assertTrue(runner.runCommands("echo 'a; b' # comment; echo c", false));
            assertEquals("a; b\nc\n", shell.output());
            // exit ends the loop with what ran so far.
            assertTrue(runner.runCommands("echo one; exit; echo two", false));
            assertEquals("one\n", shell.output());
        }
    }
}

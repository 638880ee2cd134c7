package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TerminalTest;
import lstmsh.TestCorpora;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The whole interactive shell over a dumb terminal, fed typed lines. */
@TerminalTest
class ShellInteractionTest {

    @TempDir Path dir;

    private record Session(int status, String screen) {}

    private Session type(String... lines) throws Exception {
        try (TypedShell shell = new TypedShell(true, lines)) {
            int status = shell.run(dir.resolve("history"));
            return new Session(status, shell.screen());
        }
    }

    private String corpus() throws Exception {
        return TestCorpora.proseFile(dir.resolve("tiny.txt"), 8_000, 5).toString();
    }

    @Test
    void variablesHistoryStatusAndErrorsAtThePrompt() throws Exception {
        Session s = type(
                "status",
                "set N 3",
                "echo n=${N}",
                "trian",
                "echo ${M}",
                "history 3",
                "exit");
        assertEquals(0, s.status());
        String out = s.screen();
        assertTrue(out.contains("corpus     none (corpus load PATH)"), out);
        assertTrue(out.contains("model      none"), out);
        assertTrue(out.contains("n=3"), out);
        assertTrue(out.contains("error: unknown command 'trian'; did you mean 'train'?"), out);
        assertTrue(out.contains("error: no variable 'M'"), out);
        assertTrue(out.contains("4  trian\n5  echo ${M}\n6  history 3\n"), out);
        assertFalse(out.contains("\u001b["), "a dumb terminal gets no escape sequences:\n" + out);
    }

    @Test
    void leavingWithUnsavedTrainingAsksOnceAndStayingKeepsTheModel() throws Exception {
        String checkpoint = dir.resolve("ck").toString();
        Session s = type(
                "corpus load " + corpus(),
                "model new --embed 8 --hidden 16 --layers 1",
                "train --steps 3 --batch 4 --seq 16",
                "exit",
                "n",
                "status",
                "save " + checkpoint,
                "exit",
                "echo not reached");
        String out = s.screen();
        assertEquals(1, out.split("Leave without saving\\? \\[y/N\\]", -1).length - 1, out);
        assertTrue(out.contains("warning: the model has trained (now 3 steps) since it was last saved"), out);
        assertTrue(out.contains("staying: 'save DIR' keeps the model"), out);
        assertTrue(out.contains("unsaved    yes"), out);
        assertTrue(out.contains("saved to " + checkpoint), out);
        assertFalse(out.contains("not reached"), out);
        assertTrue(Files.isDirectory(Path.of(checkpoint)));
        // The answer is not a command: it stays out of the history.
        List<String> history = Files.readAllLines(dir.resolve("history"));
        assertFalse(history.stream().anyMatch(l -> l.endsWith(":n")), history.toString());
    }

    @Test
    void yesOrEndOfInputLeaves() throws Exception {
        String corpus = corpus();
        Session yes = type(
                "corpus load " + corpus,
                "model new --embed 8 --hidden 16 --layers 1",
                "train --steps 2 --batch 4 --seq 16",
                "exit",
                "y",
                "echo not reached");
        assertEquals(0, yes.status());
        assertFalse(yes.screen().contains("not reached"), yes.screen());

        // Ctrl-D (end of input) at the prompt asks; Ctrl-D again leaves.
        Session eof = type(
                "corpus load " + corpus,
                "model new --embed 8 --hidden 16 --layers 1",
                "train --steps 2 --batch 4 --seq 16");
        assertEquals(0, eof.status());
        assertTrue(eof.screen().contains("Leave without saving? [y/N]"), eof.screen());

        // Nothing trained, nothing to lose: no question.
        Session untrained = type("corpus load " + corpus, "model new --embed 8 --hidden 16 --layers 1", "exit");
        assertFalse(untrained.screen().contains("Leave without saving"), untrained.screen());
    }

    @Test
    void replacingAModelWithUnsavedTrainingAsksAtThePromptNotInASessionFile() throws Exception {
        String checkpoint = dir.resolve("ck").toString();
        Path file = dir.resolve("replace.lstm");
        Files.writeString(file, "model new --embed 8 --hidden 16 --layers 1\n");
        Session s = type(
                "corpus load " + corpus(),
                "model new --embed 8 --hidden 16 --layers 1",
                "save " + checkpoint,
                "train --steps 3 --batch 4 --seq 16",
                "model new --embed 8 --hidden 12 --layers 1",
                "n",
                "status",
                "load " + checkpoint,
                "",
                "load " + checkpoint,
                "y",
                "train --steps 2 --batch 4 --seq 16",
                "run " + file,
                "exit",
                "y");
        String out = s.screen();
        assertEquals(3, out.split("Replace it without saving\\? \\[y/N\\]", -1).length - 1, out);
        assertTrue(out.contains("kept the model (3 steps); 'save DIR' keeps it, then run 'model new' again"), out);
        assertTrue(out.contains("kept the model (3 steps); 'save DIR' keeps it, then run 'load " + checkpoint + "' again"), out);
        assertTrue(out.contains("trained    3 steps"), "'n' kept the trained model:\n" + out);
        assertTrue(out.contains("dropped the previous model (3 steps, trained since it was last saved or loaded)"), out);
        assertTrue(out.contains("loaded " + checkpoint + " (trained 0 steps"), out);
        // A session file is a script: it goes on without asking, and says what it dropped.
        assertTrue(out.contains("dropped the previous model (2 steps, trained since it was last saved or loaded)"), out);
    }
}

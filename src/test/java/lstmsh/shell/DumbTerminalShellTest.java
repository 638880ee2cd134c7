package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TerminalTest;
import lstmsh.TestCorpora;
import lstmsh.session.Workspace;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

@TerminalTest
class DumbTerminalShellTest {

    @TempDir Path dir;

    @Test
    void typedLinesRunUntilExitAndErrorsDoNotEndTheShell() throws Exception {
        Path corpus = TestCorpora.proseFile(dir.resolve("tiny.txt"), 8_000, 4);
        String typed = String.join("\n",
                "corpus load " + corpus,
                "model new --embed 8 --hidden 16 --layers 1",
                "smaple --length 5",
                "corpus load " + dir.resolve("missing.txt"),
                "train --steps 5 --batch 4 --seq 16",
                "model show",
                "exit",
                "echo not reached",
                "");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = dumb(typed, screen);
                Workspace workspace = new Workspace(new TerminalConsole(terminal, false))) {
            Dispatcher dispatcher = new Dispatcher(workspace);
            int status = new InteractiveShell(terminal, dispatcher, dir.resolve("history")).run();
            assertEquals(0, status);
            assertNotNull(workspace.model(), screen.toString(StandardCharsets.UTF_8));
            assertEquals(5, workspace.training().globalStep());
        }
        String out = screen.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("error: unknown command 'smaple'; did you mean 'sample'?"), out);
        assertTrue(out.contains("error: no such file"), out);
        assertTrue(out.contains("trained 5 steps"), out);
        assertTrue(out.contains("trained 5 steps in"), out);
        assertTrue(out.contains("LSTM(16)"), out);
        assertTrue(!out.contains("not reached"), out);
        assertTrue(Files.readString(dir.resolve("history")).contains("model show"));
    }

    @Test
    void endOfInputLeavesTheShell() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = dumb("echo hello\n", screen);
                Workspace workspace = new Workspace(new TerminalConsole(terminal, false))) {
            assertEquals(0, new InteractiveShell(terminal, new Dispatcher(workspace), dir.resolve("h")).run());
        }
        String out = screen.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("lstmsh> hello"), out);
    }

    private static Terminal dumb(String typed, ByteArrayOutputStream screen) throws java.io.IOException {
        return new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
    }
}

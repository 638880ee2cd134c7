package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TerminalTest;
import lstmsh.TestCorpora;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

@TerminalTest
class DumbTerminalShellTest {

    @TempDir Path dir;

    @Test
    void typedLinesRunUntilExitAndErrorsDoNotEndTheShell() throws Exception {
        Path corpus = TestCorpora.proseFile(dir.resolve("tiny.txt"), 8_000, 4);
        TypedShell shell = new TypedShell(false,
                "corpus load " + corpus,
                "model new --embed 8 --hidden 16 --layers 1",
                "smaple --length 5",
                "corpus load " + dir.resolve("missing.txt"),
                "train --steps 5 --batch 4 --seq 16",
                "model show",
                "exit",
                "echo not reached");
        try (shell) {
            assertEquals(0, shell.run(dir.resolve("history")));
            assertNotNull(shell.workspace.model(), shell.screen());
            assertEquals(5, shell.workspace.training().globalStep());
        }
        String out = shell.screen();
        assertTrue(out.contains("error: unknown command 'smaple'; did you mean 'sample'?"), out);
        assertTrue(out.contains("error: no such file"), out);
        assertTrue(out.contains("trained 5 steps"), out);
        assertTrue(out.contains("trained 5 steps (model steps 1–5) in"), out);
        assertTrue(out.contains("LSTM(16)"), out);
        assertTrue(!out.contains("not reached"), out);
        assertTrue(Files.readString(dir.resolve("history")).contains("model show"));
    }

    @Test
    void endOfInputLeavesTheShell() throws Exception {
        TypedShell shell = new TypedShell(false, "echo hello");
        try (shell) {
            assertEquals(0, shell.run(dir.resolve("h")));
        }
        String out = shell.screen();
        assertTrue(out.contains("lstmsh> hello"), out);
    }
}

package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** --keep-going, exit statuses, FILE:LINE reports, cycles and -c splitting. */
@CommandTest
class KeepGoingTest {

    @TempDir Path dir;

    private Path failing() throws Exception {
        Path session = dir.resolve("k.lstm");
        Files.writeString(session, String.join("\n",
                "echo one",
                "nonsense",
                "",
                "expect corpus.tokens > 1",
                "echo four"));
        return session;
    }

    @Test
    void withoutItTheFirstFailureStops() throws Exception {
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.workspace.runner().runFile(failing().toString(), false));
            String out = shell.output();
            assertTrue(out.contains("k.lstm:2: unknown command 'nonsense'"), out);
            assertFalse(out.contains("k.lstm:4"), out);
            assertFalse(out.contains("four"), out);
        }
    }

    @Test
    void withItEveryFailingLineIsReportedAndTheRunGoesOn() throws Exception {
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.workspace.runner().runFile(failing().toString(), true));
            String out = shell.output();
            assertTrue(out.contains("k.lstm:2: unknown command 'nonsense'"), out);
            assertTrue(out.contains("k.lstm:4: no figure 'corpus.tokens' yet"), out);
            assertTrue(out.contains("four\n"), out);
            assertTrue(out.contains("k.lstm: 2 of 4 lines failed (lines 2, 4)"), out);
            assertFalse(shell.workspace.runner().keepGoing(), "keep-going ends with its run");
        }
    }

    @Test
    void nestedRunsInheritItAndTheRunLineCountsAsFailed() throws Exception {
        failing();
        Path outer = dir.resolve("outer.lstm");
        Files.writeString(outer, "run k.lstm\necho outer goes on\n");
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.run("run " + outer + " --keep-going").ok());
            String out = shell.output();
            assertTrue(out.contains("four\n") && out.contains("outer goes on\n"), out);
            assertTrue(out.contains("outer.lstm: 1 of 2 lines failed (line 1)"), out);
        }
    }

    @Test
    void theProgramExitsOneAtTheEndWhenALineFailed() throws Exception {
        ProgramOutput keep = ProgramOutput.run("run", failing().toString(), "--keep-going");
        assertEquals(1, keep.status());
        assertTrue(keep.text().contains("four"), keep.text());
        Path fine = dir.resolve("fine.lstm");
        Files.writeString(fine, "echo a\necho b\n");
        assertEquals(0, ProgramOutput.run("run", fine.toString(), "--keep-going").status());

        ProgramOutput commands = ProgramOutput.run("-c", "nonsense; echo after", "--keep-going");
        assertEquals(1, commands.status());
        assertTrue(commands.text().contains("after"), commands.text());
        ProgramOutput stops = ProgramOutput.run("-c", "nonsense; echo after");
        assertEquals(1, stops.status());
        assertFalse(stops.text().contains("after"), stops.text());
    }

    @Test
    void semicolonsInsideQuotesDoNotSplitCommands() {
        ProgramOutput out = ProgramOutput.run("-c", "echo 'a; b'; echo \"c;d\" ; echo e");
        assertEquals(0, out.status());
        assertEquals("a; b\nc;d\ne\n", out.text());
    }

    @Test
    void aFileThatRunsItselfIsRefusedAtItsLine() throws Exception {
        Path self = dir.resolve("self.lstm");
        Files.writeString(self, "echo once\nrun self.lstm\n");
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.workspace.runner().runFile(self.toString()));
            String out = shell.output();
            assertTrue(out.contains("self.lstm:2: run cycle"), out);
            assertEquals(1, out.split("echo once", -1).length - 1, out);
        }
    }

    @Test
    void aTrailingSpaceIsNotAnExtraArgument() {
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("echo a   ").ok());
            assertEquals("a\n", shell.output());
            assertTrue(shell.run("echo a \"\"").ok());
            assertEquals("a \n", shell.output());
        }
    }
}

package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** set, ${NAME} on later lines, -D on the command line. */
@CommandTest
class SessionVariablesTest {

    @TempDir Path dir;

    @Test
    void laterLinesUseTheValueAndTheTranscriptShowsIt() throws Exception {
        Path session = dir.resolve("v.lstm");
        Files.writeString(session, String.join("\n",
                "set STEPS 7",
                "set NAME \"two words\"   # quotes keep the spaces",
                "echo steps=${STEPS} name=${NAME}",
                "echo default=${MISSING:-3} literal=$${STEPS}",
                "set STEPS ${STEPS}0",
                "echo now ${STEPS}"));
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.workspace.runner().runFile(session.toString()));
            String out = shell.output();
            assertTrue(out.contains("lstmsh> echo steps=7 name=two words\nsteps=7 name=two words\n"), out);
            assertTrue(out.contains("default=3 literal=${STEPS}\n"), out);
            assertTrue(out.contains("now 70\n"), out);
            assertEquals("70", shell.workspace.variables().get("STEPS"));
        }
    }

    @Test
    void anUnsetVariableFailsItsLineWithFileAndLine() throws Exception {
        Path session = dir.resolve("u.lstm");
        Files.writeString(session, "echo before\necho ${NOPE} here\necho after\n");
        try (ShellFixture shell = new ShellFixture()) {
            assertFalse(shell.workspace.runner().runFile(session.toString()));
            String out = shell.output();
            assertTrue(out.contains("u.lstm:2: no variable 'NOPE'; set it first with 'set NOPE VALUE'"), out);
            assertFalse(out.contains("after"), out);
            // A comment may mention ${ANYTHING}: it is dropped before substitution.
            assertTrue(shell.run("echo fine # ${NOT_SET}").ok());
            assertFalse(shell.run("set 9lives 1").ok());
            assertTrue(shell.run("set").ok());
        }
    }

    @Test
    void nestedFilesSeeTheVariablesAndRunTakesDefinitions() throws Exception {
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts/inner.lstm"), "echo inner sees ${WHO}\n");
        Files.writeString(dir.resolve("outer.lstm"), "set WHO outer\nrun parts/inner.lstm\n");
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.workspace.runner().runFile(dir.resolve("outer.lstm").toString()));
            assertTrue(shell.output().contains("inner sees outer\n"));
            assertTrue(shell.run("run " + dir.resolve("parts/inner.lstm") + " -D WHO=the-shell").ok());
            assertTrue(shell.output().contains("inner sees the-shell\n"));
        }
    }

    @Test
    void oneFileServesSeveralExperimentsThroughDashD() throws Exception {
        Path session = dir.resolve("e.lstm");
        Files.writeString(session, "echo steps ${STEPS:-100} at ${LR:-0.002}\n");
        ProgramOutput plain = ProgramOutput.run("run", session.toString());
        assertEquals(0, plain.status());
        assertTrue(plain.text().contains("steps 100 at 0.002"), plain.text());
        ProgramOutput set = ProgramOutput.run("run", session.toString(), "-D", "STEPS=5", "-DLR=0.01");
        assertEquals(0, set.status());
        assertTrue(set.text().contains("steps 5 at 0.01"), set.text());
        ProgramOutput commands = ProgramOutput.run("-D", "X=42", "-c", "echo x is ${X}");
        assertTrue(commands.text().contains("x is 42"), commands.text());
        ProgramOutput badName = ProgramOutput.run("-D", "1x=3", "-c", "echo no");
        assertEquals(2, badName.status());
        assertTrue(badName.text().contains("cannot be a variable name"), badName.text());
    }
}

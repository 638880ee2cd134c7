package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;

/** A variable's value is used as it was set: a "${NAME}" inside it is text, so a value naming itself cannot loop. */
@CommandTest
class VariableValuesTest {

    @Test
    void aValueHoldingAReferenceIsUsedAsText() {
        try (ShellFixture shell = new ShellFixture()) {
            shell.ok("set X '$${X}'", "set A 1", "set B '$${A}'");
            assertEquals("${X}", shell.workspace.variables().get("X"));
            assertEquals("echo ${X} ${A}", shell.dispatcher.expand("echo ${X} ${B}"));
            assertTrue(shell.ok("echo ${X}").contains("${X}"));
        }
    }
}

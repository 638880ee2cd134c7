package lstmsh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.util.LstmshException;
import lstmsh.finding.FindingCode;
import lstmsh.session.Figures;
import lstmsh.shell.ShellFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/** The one place the command tree is made: what every command gets, and how failures come back. */
@CommandTest
class CommandTreeTest {

    private final ShellFixture shell = new ShellFixture();
    private final CommandTree tree = CommandTree.create(shell.workspace);

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void everyCommandTakesHelpAndWritesToTheWorkspace() {
        List<String> missing = new ArrayList<>();
        forEach(tree.root(), cl -> {
            if (!cl.getCommandName().equals("help") && cl.getCommandSpec().findOption("--help") == null) {
                missing.add(cl.getCommandSpec().qualifiedName(" "));
            }
            if (cl.getOut() != shell.workspace.out() || cl.getErr() != shell.workspace.out()) {
                missing.add(cl.getCommandName() + " writes elsewhere");
            }
            if (!cl.isCaseInsensitiveEnumValuesAllowed()) {
                missing.add(cl.getCommandName() + " is case-sensitive");
            }
        });
        assertTrue(missing.isEmpty(), missing.toString());
        assertTrue(tree.root().getSubcommands().get("set").isUnmatchedOptionsArePositionalParams());
        assertTrue(tree.root().getSubcommands().get("echo").isUnmatchedOptionsArePositionalParams());
        int width = tree.root().getUsageHelpWidth();
        assertTrue(width >= 60 && width <= 120, "width " + width);
        assertEquals(CommandLine.Help.Ansi.OFF, tree.root().getColorScheme().ansi());
    }

    @Test
    void failuresComeBackWithTheirExitCode() {
        CommandTree.Result ok = tree.execute(List.of("echo", "-0.5", "---"));
        assertEquals(new CommandTree.Result(CommandTree.OK, null), ok);
        assertEquals("-0.5 ---\n", shell.output());

        CommandTree.Result help = tree.execute(List.of("echo", "--help"));
        assertEquals(CommandTree.OK, help.exitCode());
        assertNull(help.failure());
        String helpText = shell.output();
        assertTrue(helpText.contains("Example:"), helpText);

        CommandTree.Result usage = tree.execute(List.of("history", "many"));
        assertEquals(CommandTree.USAGE, usage.exitCode());
        assertTrue(usage.failure() instanceof CommandLine.ParameterException, String.valueOf(usage.failure()));

        CommandTree.Result failed = tree.execute(List.of("expect", "corpus.tokens", ">", "1"));
        assertEquals(CommandTree.FAILED, failed.exitCode());
        assertTrue(failed.failure() instanceof LstmshException, String.valueOf(failed.failure()));

        // The failure is read once: the next run starts clean.
        assertTrue(tree.execute(List.of("echo")).ok());
        assertTrue(tree.has("quit") && tree.has("train") && !tree.has("trian"));
    }

    @Test
    void optionsListTheirDefaultsAndExpectListsItsNames() {
        tree.execute(List.of("history", "--help"));
        String history = shell.output();
        assertTrue(history.contains("(default: 20)"), history);
        tree.execute(List.of("run", "--help"));
        String run = shell.output();
        assertTrue(run.contains("-D=NAME=VALUE") && run.contains("(default: none)"), run);
        tree.execute(List.of("help", "expect"));
        String expect = shell.output();
        for (String name : Figures.KNOWN) {
            assertTrue(expect.contains(" " + name), name + " missing in\n" + expect);
        }
        for (String code : FindingCode.names()) {
            assertTrue(expect.contains(" " + code), code + " missing in\n" + expect);
        }
    }

    private static void forEach(CommandLine cl, java.util.function.Consumer<CommandLine> action) {
        action.accept(cl);
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                forEach(sub, action);
            }
        });
    }
}

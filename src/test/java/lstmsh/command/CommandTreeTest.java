package lstmsh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.LstmshException;
import lstmsh.finding.FindingCode;
import lstmsh.render.Console;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** The one place the command tree is made: what every command gets, and how failures come back. */
@CommandTest
class CommandTreeTest {

    private final StringWriter buffer = new StringWriter();
    private final Workspace workspace = new Workspace(Console.plain(new PrintWriter(buffer, true)));
    private final CommandTree tree = CommandTree.create(workspace);

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void everyCommandTakesHelpAndWritesToTheWorkspace() {
        List<String> missing = new ArrayList<>();
        forEach(tree.root(), cl -> {
            if (!cl.getCommandName().equals("help") && cl.getCommandSpec().findOption("--help") == null) {
                missing.add(cl.getCommandSpec().qualifiedName(" "));
            }
            if (cl.getOut() != workspace.out() || cl.getErr() != workspace.out()) {
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
        assertEquals("-0.5 ---\n", buffer.toString());

        CommandTree.Result help = tree.execute(List.of("echo", "--help"));
        assertEquals(CommandTree.OK, help.exitCode());
        assertNull(help.failure());
        assertTrue(buffer.toString().contains("Example:"), buffer.toString());

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
        buffer.getBuffer().setLength(0);
        tree.execute(List.of("history", "--help"));
        assertTrue(buffer.toString().contains("(default: 20)"), buffer.toString());
        buffer.getBuffer().setLength(0);
        tree.execute(List.of("run", "--help"));
        assertTrue(buffer.toString().contains("-D=NAME=VALUE") && buffer.toString().contains("(default: none)"),
                buffer.toString());
        buffer.getBuffer().setLength(0);
        tree.execute(List.of("help", "expect"));
        String expect = buffer.toString();
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

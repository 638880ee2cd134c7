package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@CommandTest
class HelpOverviewTest {

    @Test
    void helpListsEveryCommandOnceUnderItsPurpose() {
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("help").ok());
            String out = shell.output();
            List<String> lines = List.of(out.split("\n"));
            int last = -1;
            for (String group : List.of("corpus", "model", "train", "sample", "inspect", "session")) {
                int at = lines.indexOf(group);
                assertTrue(at > last, "group '" + group + "' in order:\n" + out);
                last = at;
            }
            for (String command : leaves(shell.dispatcher.commandLine())) {
                long rows = lines.stream().filter(l -> l.startsWith("  " + command + " ") || l.equals("  " + command)).count();
                assertEquals(1, rows, "'" + command + "' listed once:\n" + out);
            }
            assertTrue(out.contains("  corpus load PATH "), out);
            // Every command has a summary written to fit: nothing cut mid-phrase.
            for (String command : leaves(shell.dispatcher.commandLine())) {
                String summary = lstmsh.command.HelpText.summary(find(shell.dispatcher.commandLine(), command).getCommandSpec());
                assertTrue(summary.length() <= lstmsh.command.HelpText.SUMMARY_WIDTH && !summary.endsWith("…"),
                        command + ": " + summary);
            }
            assertTrue(out.contains("  train                      Train the model on the loaded corpus\n"), out);
            assertTrue(out.contains("  expect NAME OP VALUE "), out);
        }
    }

    @Test
    void everyCommandsHelpShowsEachOptionsDefaultAndAnExample() {
        try (ShellFixture shell = new ShellFixture()) {
            List<String> problems = new ArrayList<>();
            for (String command : leaves(shell.dispatcher.commandLine())) {
                assertTrue(shell.run("help " + command).ok(), command);
                String help = shell.output();
                if (!help.contains("Example:")) {
                    problems.add(command + ": no example");
                }
                CommandLine cl = find(shell.dispatcher.commandLine(), command);
                for (OptionSpec option : cl.getCommandSpec().options()) {
                    if (option.usageHelp() || option.hidden()) {
                        continue;
                    }
                    String block = optionBlock(help, option.longestName());
                    if (!block.toLowerCase().contains("default")) {
                        problems.add(command + " " + option.longestName() + ": no default in\n" + block);
                    }
                }
            }
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }
    }

    @Test
    void helpCommandAndDashDashHelpAgree() {
        try (ShellFixture shell = new ShellFixture()) {
            shell.run("help corpus load");
            String viaHelp = shell.output();
            shell.run("corpus load --help");
            assertEquals(viaHelp, shell.output());
            assertTrue(viaHelp.contains("--val-fraction=F") && viaHelp.contains("(default: 0.1)"), viaHelp);
            // Options keep the order they are declared in, the most used first.
            shell.run("help train");
            String train = shell.output();
            assertTrue(train.indexOf("      --steps=N") < train.indexOf("      --batch=N"), train);
            assertTrue(train.contains("--epochs=N") && train.contains("(default: none)"), train);
        }
    }

    /** The option's row and the rows that continue its description. */
    private static String optionBlock(String help, String name) {
        List<String> lines = List.of(help.split("\n"));
        Pattern optionRow = Pattern.compile("^\\s+(-\\w, )?--?[\\w-]+.*");
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^\\s+(-\\w, )?" + Pattern.quote(name) + "([= ].*)?$")) {
                StringBuilder block = new StringBuilder(lines.get(i));
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("    ")
                        && !optionRow.matcher(lines.get(j)).matches(); j++) {
                    block.append('\n').append(lines.get(j));
                }
                return block.toString();
            }
        }
        return "(option " + name + " not found in help)\n" + help;
    }

    /** Every runnable command path, such as "corpus load" and "train". */
    static List<String> leaves(CommandLine root) {
        List<String> out = new ArrayList<>();
        root.getSubcommands().forEach((name, cl) -> {
            if (!name.equals(cl.getCommandName())) {
                return;
            }
            if (cl.getSubcommands().isEmpty()) {
                out.add(name);
            } else {
                cl.getSubcommands().forEach((sub, scl) -> {
                    if (sub.equals(scl.getCommandName())) {
                        out.add(name + " " + sub);
                    }
                });
            }
        });
        return out;
    }

    private static CommandLine find(CommandLine root, String path) {
        CommandLine cl = root;
        for (String word : path.split(" ")) {
            cl = cl.getSubcommands().get(word);
        }
        return cl;
    }
}

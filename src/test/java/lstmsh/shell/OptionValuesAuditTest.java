package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every option that converts its value, given one it cannot convert, and every help text: what the
 * user reads names their input in their terms, never a Java type, class or null.
 */
@CommandTest
class OptionValuesAuditTest {

    private static final Pattern JAVA = Pattern.compile(
            "java\\.|Exception|\\binterface\\b|\\bclass\\b|\\bnull\\b|is not an? (double|float|int|long|short|byte)\\b");

    /** Every command path that runs something, e.g. "corpus load". */
    private static List<String> leaves(CommandLine cl, String prefix, List<String> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String path = (prefix + " " + e.getKey()).strip();
            if (e.getValue().getCommandSpec().aliases().length > 0
                    && !e.getKey().equals(e.getValue().getCommandName())) {
                continue; // an alias: the command is visited under its own name
            }
            out.add(path);
            leaves(e.getValue(), path, out);
        }
        return out;
    }

    private static CommandLine find(CommandLine root, String path) {
        CommandLine cl = root;
        for (String word : path.split(" ")) {
            cl = cl.getSubcommands().get(word);
        }
        return cl;
    }

    @Test
    void aValueThatDoesNotConvertIsNamedInTheUsersTerms() {
        List<String> problems = new ArrayList<>();
        try (ShellFixture shell = new ShellFixture()) {
            CommandLine root = shell.dispatcher.commandLine();
            for (String command : leaves(root, "", new ArrayList<>())) {
                for (OptionSpec option : find(root, command).getCommandSpec().options()) {
                    Class<?> type = option.type();
                    boolean textOnly = java.util.Arrays.stream(option.auxiliaryTypes()).allMatch(t -> t == String.class);
                    if (option.usageHelp() || option.versionHelp() || option.arity().max() == 0 || type == String.class
                            || type == boolean.class || type == Boolean.class || textOnly) {
                        continue;
                    }
                    String value = Path.class.isAssignableFrom(type) ? "\"a\0b\"" : "abc";
                    String line = command + " " + option.longestName() + " " + value;
                    String error = shell.fail(line);
                    if (JAVA.matcher(error).find() || !error.contains(option.longestName())) {
                        problems.add(line.replace("\0", "\\0") + " -> " + error);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noHelpTextShowsJavaOrAnUnsetPlaceholder() {
        List<String> problems = new ArrayList<>();
        try (ShellFixture shell = new ShellFixture()) {
            CommandLine root = shell.dispatcher.commandLine();
            for (String command : leaves(root, "", new ArrayList<>())) {
                shell.ok("help " + command);
                String help = shell.output();
                help.lines().filter(l -> JAVA.matcher(l).find()).forEach(l -> problems.add(command + ": " + l.strip()));
            }
        }
        assertEquals(List.of(), problems);
    }
}

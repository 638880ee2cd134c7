package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.render.Console;
import lstmsh.session.Suggestions;
import lstmsh.session.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Command(
        name = "help",
        helpCommand = true,
        description = "List the commands by purpose, or show one command's usage, options with their defaults, and an example.",
        footer = {"", "Example:", "  help", "  help train", "  help corpus load"})
public final class HelpCommand extends WorkspaceCommand {

    /** What each command is for; a command not listed here shows under "other". */
    static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("corpus", List.of("corpus"));
        g.put("model", List.of("model", "save", "load", "import", "export", "device"));
        g.put("train", List.of("train", "fit", "plot", "metrics", "bench"));
        g.put("sample", List.of("sample", "score"));
        g.put("inspect", List.of("status", "inspect", "diagnose"));
        g.put("session", List.of("run", "set", "echo", "expect", "history", "help", "exit"));
        return g;
    }

    @Parameters(arity = "0..2", paramLabel = "COMMAND", description = "A command, and optionally one of its subcommands.")
    List<String> topic = List.of();

    @Spec
    CommandSpec spec;

    public HelpCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        CommandLine root = spec.root().commandLine();
        if (topic.isEmpty()) {
            overview(root);
            return;
        }
        CommandLine target = root;
        StringBuilder path = new StringBuilder();
        for (String word : topic) {
            CommandLine next = target.getSubcommands().get(word);
            if (next == null) {
                String where = path.length() == 0 ? "" : " of '" + path + "'";
                String hint = Suggestions.closest(word, target.getSubcommands().keySet())
                        .map(s -> "; did you mean '" + s + "'?").orElse("");
                throw new LstmshException("no command '" + word + "'" + where + hint
                        + (path.length() == 0 ? " (type 'help' for the list)" : " (see 'help " + path + "')"));
            }
            target = next;
            path.append(path.length() == 0 ? "" : " ").append(word);
        }
        target.usage(out(), target.getColorScheme());
    }

    private void overview(CommandLine root) {
        Console console = workspace.console();
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            List<String[]> lines = new ArrayList<>();
            for (String verb : group.getValue()) {
                CommandLine cl = root.getSubcommands().get(verb);
                if (cl != null && listed.add(verb)) {
                    entries(cl, lines);
                }
            }
            rows.put(group.getKey(), lines);
        }
        List<String[]> other = new ArrayList<>();
        root.getSubcommands().forEach((name, cl) -> {
            if (name.equals(cl.getCommandName()) && !listed.contains(name) && !cl.getCommandSpec().usageMessage().hidden()) {
                entries(cl, other);
            }
        });
        rows.put("other", other);
        int width = rows.values().stream().flatMap(List::stream).mapToInt(r -> r[0].length()).max().orElse(10) + 3;
        int room = Math.max(30, Math.min(console.width(), 120) - width - 3);
        out().println("lstmsh commands by purpose; 'help COMMAND' shows its options, their defaults and an example.");
        rows.forEach((group, lines) -> {
            if (lines.isEmpty()) {
                return;
            }
            out().println();
            out().println(console.tint(Console.Tone.EMPHASIS, group));
            for (String[] line : lines) {
                out().println("  " + HelpText.pad(line[0], width) + HelpText.shorten(line[1], room));
            }
        });
        out().println();
        out().println("Tab completes commands, options, values and paths; Ctrl-C stops a running command and keeps");
        out().println("what it had made; Ctrl-D or 'exit' leaves. In session files: 'set NAME VALUE', then ${NAME}.");
    }

    /** One row per leaf command: its synopsis and its summary. */
    private static void entries(CommandLine cl, List<String[]> out) {
        CommandSpec s = cl.getCommandSpec();
        if (!s.subcommands().isEmpty()) {
            s.subcommands().forEach((name, sub) -> {
                if (name.equals(sub.getCommandName()) && !sub.getCommandSpec().usageMessage().hidden()) {
                    entries(sub, out);
                }
            });
            return;
        }
        out.add(new String[] {HelpText.synopsis(s), HelpText.summary(s)});
    }
}

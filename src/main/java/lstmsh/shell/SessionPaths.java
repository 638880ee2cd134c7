package lstmsh.shell;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the relative paths on a session file's line against the file's folder, so a session
 * reads and writes the same files whatever folder the shell was started in. Which words are paths
 * comes from the command tree, as for Tab completion ({@link ShellCompleter#isPath}).
 */
final class SessionPaths {

    private SessionPaths() {}

    /** {@code words} with each relative path argument made absolute against {@code base}. */
    static List<String> resolve(CommandSpec root, List<String> words, Path base) {
        List<String> out = new ArrayList<>(words);
        if (words.isEmpty() || !root.subcommands().containsKey(words.get(0))) {
            return out;
        }
        CommandSpec spec = root.subcommands().get(words.get(0)).getCommandSpec();
        int i = 1;
        while (i < words.size() && spec.subcommands().containsKey(words.get(i))) {
            spec = spec.subcommands().get(words.get(i)).getCommandSpec();
            i++;
        }
        int positionals = 0;
        for (; i < words.size(); i++) {
            String w = words.get(i);
            OptionSpec option = w.startsWith("-") && w.length() > 1
                    ? spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w) : null;
            if (option != null) {
                if (option.arity().min() == 0) {
                    continue;
                }
                if (w.contains("=")) {
                    String name = w.substring(0, w.indexOf('='));
                    out.set(i, name + "=" + path(spec, option, w.substring(name.length() + 1), base));
                } else if (i + 1 < words.size()) {
                    i++;
                    out.set(i, path(spec, option, words.get(i), base));
                }
            } else if (!w.startsWith("-") || w.equals("-")) {
                ArgSpec positional = ShellCompleter.positional(spec, positionals++);
                if (positional != null) {
                    out.set(i, path(spec, positional, w, base));
                }
            }
        }
        return out;
    }

    private static String path(CommandSpec spec, ArgSpec arg, String value, Path base) {
        if (!ShellCompleter.isPath(spec, arg) || value.isEmpty() || value.startsWith("~")) {
            return value;
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? value : base.resolve(p).normalize().toString();
    }
}

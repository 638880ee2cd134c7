package lstmsh.shell;

import lstmsh.command.HelpText;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tab completion driven by the command tree alone: command names, subcommands, option names,
 * option and parameter values from Picocli's completion candidates (enum constants included),
 * and file paths. A command added later completes without a change here; only which String
 * parameters are paths, and where each command's files usually live, are listed below.
 */
public final class ShellCompleter implements Completer {

    /** Parameters typed as String that hold a path, as "command path#index" or "command path OPTION". */
    static final Set<String> PATH_PARAMETERS = Set.of("run#0");

    /** Parameter labels that mean a path whatever the type (FILE, PATH, DIR, OUT, FILE.csv, ...). */
    private static final Pattern PATH_LABEL = Pattern.compile("(?i)(FILE|PATH|DIR|OUT)([.\\[].*)?");

    /** Directories whose entries are offered first, per command; others get {@link #DEFAULT_PLACES}. */
    static final Map<String, List<String>> PLACES = Map.of(
            "corpus load", List.of("corpora"),
            "corpus generate", List.of("corpora"),
            "run", List.of("sessions"),
            "load", List.of("checkpoints"),
            "save", List.of("checkpoints"));

    static final List<String> DEFAULT_PLACES = List.of("corpora", "sessions");

    private final CommandSpec root;
    private final Supplier<Path> directory;

    public ShellCompleter(CommandSpec root) {
        this(root, () -> Path.of("").toAbsolutePath());
    }

    /** {@code directory} is where relative paths start (the working directory). */
    public ShellCompleter(CommandSpec root, Supplier<Path> directory) {
        this.root = root;
        this.directory = directory;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = Math.min(line.wordIndex(), words.size());
        String word = index < words.size() ? words.get(index).substring(0, Math.min(line.wordCursor(), words.get(index).length())) : "";
        candidates.addAll(candidates(words.subList(0, index), word));
    }

    /** What may follow {@code before} (the complete words) where {@code word} is being typed. */
    public List<Candidate> candidates(List<String> before, String word) {
        List<Candidate> out = new ArrayList<>();
        if (before.isEmpty()) {
            subcommands(root, out);
            return out;
        }
        CommandSpec spec = root.subcommands().containsKey(before.get(0))
                ? root.subcommands().get(before.get(0)).getCommandSpec()
                : null;
        if (spec == null) {
            return out;
        }
        int i = 1;
        while (i < before.size() && spec.subcommands().containsKey(before.get(i))) {
            spec = spec.subcommands().get(before.get(i)).getCommandSpec();
            i++;
        }
        // Walk the rest: which option waits for its value, how many positionals are given.
        OptionSpec pending = null;
        int positionals = 0;
        Set<OptionSpec> used = new HashSet<>();
        for (; i < before.size(); i++) {
            String w = before.get(i);
            if (pending != null) {
                pending = null;
                continue;
            }
            OptionSpec option = w.startsWith("-") ? spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w) : null;
            if (option != null) {
                used.add(option);
                if (!w.contains("=") && option.arity().min() > 0) {
                    pending = option;
                }
            } else if (!w.startsWith("-") || w.equals("-")) {
                positionals++;
            }
        }
        if (pending != null) {
            values(spec, pending, word, out);
            return out;
        }
        if (word.startsWith("-")) {
            options(spec, used, out);
            return out;
        }
        if (isHelp(spec)) {
            helpTopics(before, out);
            return out;
        }
        if (positionals == 0 && !spec.subcommands().isEmpty()) {
            subcommands(spec, out);
        }
        PositionalParamSpec positional = positional(spec, positionals);
        if (positional != null) {
            values(spec, positional, word, out);
        }
        if (out.isEmpty() && word.isEmpty()) {
            options(spec, used, out);
        }
        return out;
    }

    private void subcommands(CommandSpec spec, List<Candidate> out) {
        spec.subcommands().forEach((name, sub) -> {
            CommandSpec s = sub.getCommandSpec();
            if (name.equals(s.name()) && !s.usageMessage().hidden()) {
                out.add(new Candidate(name, name, null, HelpText.summary(s), null, null, true));
            }
        });
    }

    private static void options(CommandSpec spec, Set<OptionSpec> used, List<Candidate> out) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || (used.contains(option) && !option.isMultiValue())) {
                continue;
            }
            String name = option.longestName();
            out.add(new Candidate(name, name, null, summary(option.description()), null, null, true));
        }
    }

    private void values(CommandSpec spec, ArgSpec arg, String word, List<Candidate> out) {
        if (isPath(spec, arg)) {
            paths(word, PLACES.getOrDefault(qualifiedName(spec), DEFAULT_PLACES), out);
            return;
        }
        Iterable<String> choices = arg.completionCandidates();
        if (choices != null) {
            for (String choice : choices) {
                out.add(new Candidate(choice, choice, null, null, null, null, true));
            }
        }
    }

    static PositionalParamSpec positional(CommandSpec spec, int position) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(position) && !p.hidden()) {
                return p;
            }
        }
        return null;
    }

    private boolean isHelp(CommandSpec spec) {
        return spec.helpCommand() && spec.parent() == root;
    }

    /** help COMMAND [SUBCOMMAND]. */
    private void helpTopics(List<String> before, List<Candidate> out) {
        if (before.size() == 1) {
            subcommands(root, out);
        } else if (before.size() == 2 && root.subcommands().containsKey(before.get(1))) {
            subcommands(root.subcommands().get(before.get(1)).getCommandSpec(), out);
        }
    }

    static boolean isPath(CommandSpec spec, ArgSpec arg) {
        Class<?> type = arg.type();
        if (Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type)) {
            return true;
        }
        String key = qualifiedName(spec) + (arg instanceof PositionalParamSpec p
                ? "#" + p.index().min()
                : " " + ((OptionSpec) arg).longestName());
        return PATH_PARAMETERS.contains(key) || PATH_LABEL.matcher(arg.paramLabel()).matches();
    }

    private static String qualifiedName(CommandSpec spec) {
        return spec.qualifiedName(" ").strip();
    }

    /**
     * Entries of the directory the typed word names; with nothing typed yet, the files in the
     * command's usual places (corpora/, sessions/ ...) come first.
     */
    void paths(String word, List<String> places, List<Candidate> out) {
        int slash = word.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : word.substring(0, slash + 1);
        String namePart = word.substring(dirPart.length());
        Path base = directory.get();
        Path dir;
        if (dirPart.startsWith("~/")) {
            dir = Path.of(System.getProperty("user.home")).resolve(dirPart.substring(2));
        } else {
            dir = base.resolve(dirPart.isEmpty() ? "." : dirPart);
        }
        Set<String> seen = new HashSet<>();
        if (dirPart.isEmpty()) {
            for (String place : places) {
                Path p = base.resolve(place);
                if (Files.isDirectory(p)) {
                    list(p, place + "/", "", 0, seen, out);
                }
            }
        }
        list(dir, dirPart, namePart, 1, seen, out);
    }

    private static void list(Path dir, String prefix, String namePart, int sort, Set<String> seen, List<Candidate> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted().forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !namePart.startsWith(".")) {
                    return;
                }
                boolean directory = Files.isDirectory(p);
                String value = prefix + name + (directory ? "/" : "");
                if (seen.add(value)) {
                    // A directory is not finished: no space after it, so Tab can go on inside it.
                    out.add(new Candidate(value, value, null, null, null, null, !directory, sort));
                }
            });
        } catch (IOException | RuntimeException e) {
            // An unreadable directory just offers nothing.
        }
    }

    /**
     * An option's hint: the first sentence of its description without its default, picocli's
     * escaped {@code $${NAME}} shown as typed, cut at a word with "…" where it does not fit.
     */
    static String summary(String[] description) {
        if (description == null || description.length == 0) {
            return null;
        }
        String first = HelpText.firstSentence(new String[] {description[0]
                .replaceAll("\\s*\\(default:[^)]*\\)", "")
                .replaceAll("(?<!\\$)\\$\\{(DEFAULT-VALUE|COMPLETION-CANDIDATES|FALLBACK-VALUE)}", "")
                .replace("$${", "${")});
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        return HelpText.shorten(first, HelpText.SUMMARY_WIDTH);
    }
}

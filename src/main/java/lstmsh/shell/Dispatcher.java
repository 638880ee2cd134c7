package lstmsh.shell;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.util.Messages;
import lstmsh.command.CommandTree;
import lstmsh.render.Console;
import lstmsh.session.CommandLines;
import lstmsh.session.Suggestions;
import lstmsh.session.Workspace;

import org.apache.commons.text.StringSubstitutor;
import org.jline.reader.impl.DefaultParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one line of text into one command run, for typed lines and session files alike. A
 * failure comes back as one line that says what was wrong and what to do; it never escapes.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** How a line went. {@code reported} means its error was already printed further down. */
    public record Outcome(boolean ok, String error, boolean reported) {
        static final Outcome OK = new Outcome(true, null, false);

        /** The error is shown as one line even where it quotes a word with a newline or escape in it. */
        public Outcome {
            error = error == null ? null : Messages.oneLine(error);
        }
    }

    private final Workspace workspace;
    private final CommandTree tree;
    private final SessionRunner runner;
    private final DefaultParser parser = new DefaultParser();

    public Dispatcher(Workspace workspace) {
        this.workspace = workspace;
        this.tree = CommandTree.create(workspace);
        // Backslashes stay as typed: --prime "a\nb" means a newline, unescaped by the command.
        parser.setEscapeChars(new char[0]);
        this.runner = new SessionRunner(this, workspace);
        workspace.setRunner(runner);
    }

    public CommandLine commandLine() {
        return tree.root();
    }

    /** Runs session files and -c commands through this dispatcher. */
    public SessionRunner runner() {
        return runner;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Runs one line: comment dropped, {@code ${NAME}} replaced, then the command. */
    public Outcome execute(String line) {
        String command = CommandLines.stripComment(line);
        if (command.isBlank()) {
            return Outcome.OK;
        }
        try {
            command = expand(command);
        } catch (LstmshException e) {
            return new Outcome(false, e.getMessage(), false);
        }
        return executeExpanded(command);
    }

    /**
     * Replaces {@code ${NAME}} (and {@code ${NAME:-DEFAULT}}) by session variables; {@code $${NAME}}
     * stays as written. Throws with one line naming the variable when one is not set.
     */
    public String expand(String line) {
        if (!line.contains("${")) {
            return line;
        }
        StringSubstitutor substitutor = new StringSubstitutor(name -> workspace.variables().get(name));
        substitutor.setEnableUndefinedVariableException(true);
        // A value is used as it was set: one holding "${X}" is not expanded again (nor loops on itself).
        substitutor.setDisableSubstitutionInValues(true);
        try {
            return substitutor.replace(line);
        } catch (IllegalArgumentException e) {
            Matcher m = UNRESOLVED.matcher(String.valueOf(e.getMessage()));
            String name = m.find() ? m.group(1) : "?";
            throw new LstmshException("no variable '" + name + "'; set it first with 'set " + name
                    + " VALUE' (or -D " + name + "=VALUE on the command line)");
        }
    }

    private static final Pattern UNRESOLVED = Pattern.compile("variable '([^']*)'");

    /** Runs a line whose variables were already replaced (a session file echoes it first). */
    public Outcome executeExpanded(String line) {
        if (line.isBlank()) {
            return Outcome.OK;
        }
        List<String> words;
        try {
            words = words(line);
        } catch (RuntimeException e) {
            return new Outcome(false, "cannot read the line: " + e.getMessage() + " (check quotes)", false);
        }
        return executeWords(line, words);
    }

    /** Runs a line already split into words ({@code line} is what history records). */
    Outcome executeWords(String line, List<String> words) {
        if (words.isEmpty()) {
            return Outcome.OK;
        }
        String verb = words.get(0);
        workspace.recordLine(line.strip());
        if (!tree.has(verb)) {
            return new Outcome(false, unknownCommand(verb), false);
        }
        CommandTree.Result result = tree.execute(words);
        workspace.out().flush();
        return result.ok() ? Outcome.OK : describe(result.failure(), verb, words);
    }

    /** Prints a failed line's message as "error: ..." (coloured where colours are on). */
    public void printError(String message) {
        workspace.out().println(workspace.console().tint(Console.Tone.ERROR, "error: " + message));
        workspace.out().flush();
    }

    private Outcome describe(Throwable f, String verb, List<String> words) {
        if (f instanceof LstmshException.Reported r) {
            return new Outcome(false, r.getMessage(), true);
        }
        if (f instanceof CommandLine.UnmatchedArgumentException u) {
            Optional<String> described = describeUnmatched(u);
            if (described.isPresent()) {
                return new Outcome(false, described.get(), false);
            }
        }
        if (f instanceof CommandLine.ParameterException p) {
            String where = words.size() > 1 && commandLine().getSubcommands().get(verb).getSubcommands().containsKey(words.get(1))
                    ? verb + " " + words.get(1)
                    : verb;
            return new Outcome(false, firstLine(p.getMessage()) + " (see '" + where + " --help')", false);
        }
        if (f instanceof InvalidPathException i) {
            return new Outcome(false, FileErrors.unusablePath(i.getInput()), false);
        }
        if (f instanceof LstmshException || f instanceof IllegalArgumentException) {
            return new Outcome(false, firstLine(f.getMessage()), false);
        }
        if (f instanceof IOException io) {
            return new Outcome(false, "file error: " + FileErrors.reason(io), false);
        }
        if (f instanceof UncheckedIOException io) {
            return new Outcome(false, "file error: " + FileErrors.reason(io), false);
        }
        LOG.error("command failed: {}", String.join(" ", words), f);
        // The defect's class and message are in the log; the line speaks of the command only.
        return new Outcome(false, "internal error in '" + verb + "' (details in ~/.lstmsh/lstmsh.log)",
                false);
    }

    private String unknownCommand(String verb) {
        String hint = Suggestions.closest(verb, commandLine().getSubcommands().keySet()).map(s -> "; did you mean '" + s + "'?").orElse("");
        return "unknown command '" + verb + "'" + hint + " (type 'help' for the list)";
    }

    /** An unknown option or subcommand, named with the closest one that exists. */
    private static Optional<String> describeUnmatched(CommandLine.UnmatchedArgumentException u) {
        List<String> unmatched = u.getUnmatched();
        if (unmatched.isEmpty()) {
            return Optional.empty();
        }
        CommandLine.Model.CommandSpec spec = u.getCommandLine().getCommandSpec();
        String where = spec.qualifiedName(" ").strip();
        String word = unmatched.get(0);
        if (word.startsWith("-") && word.length() > 1) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            List<String> names = new ArrayList<>();
            spec.options().stream().filter(o -> !o.hidden()).forEach(o -> names.addAll(List.of(o.names())));
            String hint = Suggestions.closest(name, names).map(s -> "; did you mean '" + s + "'?").orElse("");
            return Optional.of("unknown option '" + name + "' for '" + where + "'" + hint + " (see '" + where + " --help')");
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            String hint = Suggestions.closest(word, spec.subcommands().keySet()).map(s -> "; did you mean '" + where + " " + s + "'?")
                    .orElse("; it takes " + String.join(", ", spec.subcommands().keySet()));
            return Optional.of("unknown subcommand '" + word + "' for '" + where + "'" + hint + " (see 'help " + where + "')");
        }
        return Optional.empty();
    }

    List<String> words(String line) {
        // Trailing blanks would read as an empty last word (the word at the cursor), as after Tab.
        String text = line.stripTrailing();
        return parser.parse(text, text.length(), org.jline.reader.Parser.ParseContext.ACCEPT_LINE).words()
                .stream().toList();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}

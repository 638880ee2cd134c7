package lstmsh.shell;

import lstmsh.LstmshException;
import lstmsh.command.Commands;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.jline.reader.impl.DefaultParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

import java.util.List;

/**
 * Turns one line of text into one command run, for typed lines and session files alike. A
 * failure comes back as one line that says what was wrong and what to do; it never escapes.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** How a line went. {@code reported} means its error was already printed further down. */
    public record Outcome(boolean ok, String error, boolean reported) {
        static final Outcome OK = new Outcome(true, null, false);
    }

    private final Workspace workspace;
    private final CommandLine root;
    private final DefaultParser parser = new DefaultParser();
    private Throwable failure;

    public Dispatcher(Workspace workspace) {
        this.workspace = workspace;
        this.root = Commands.commandLine(workspace);
        root.setOut(workspace.out());
        root.setErr(workspace.out());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setExecutionExceptionHandler((e, cl, parsed) -> {
            failure = e;
            return 1;
        });
        root.setParameterExceptionHandler((e, args) -> {
            failure = e;
            return 2;
        });
        // Backslashes stay as typed: --prime "a\nb" means a newline, unescaped by the command.
        parser.setEscapeChars(new char[0]);
        workspace.setRunner(new SessionRunner(this, workspace));
    }

    public CommandLine commandLine() {
        return root;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Outcome execute(String line) {
        String command = stripComment(line);
        if (command.isBlank()) {
            return Outcome.OK;
        }
        List<String> words;
        try {
            words = words(command);
        } catch (RuntimeException e) {
            return new Outcome(false, "cannot read the line: " + e.getMessage() + " (check quotes)", false);
        }
        if (words.isEmpty()) {
            return Outcome.OK;
        }
        String verb = words.get(0);
        if (!root.getSubcommands().containsKey(verb)) {
            return new Outcome(false, unknownCommand(verb), false);
        }
        failure = null;
        root.execute(words.toArray(new String[0]));
        workspace.out().flush();
        if (failure == null) {
            return Outcome.OK;
        }
        Throwable f = failure;
        failure = null;
        return describe(f, verb, words);
    }

    private Outcome describe(Throwable f, String verb, List<String> words) {
        if (f instanceof LstmshException.Reported r) {
            return new Outcome(false, r.getMessage(), true);
        }
        if (f instanceof CommandLine.ParameterException p) {
            String where = words.size() > 1 && root.getSubcommands().get(verb).getSubcommands().containsKey(words.get(1))
                    ? verb + " " + words.get(1)
                    : verb;
            return new Outcome(false, firstLine(p.getMessage()) + " (see '" + where + " --help')", false);
        }
        if (f instanceof LstmshException || f instanceof IllegalArgumentException) {
            return new Outcome(false, firstLine(f.getMessage()), false);
        }
        if (f instanceof java.nio.file.NoSuchFileException n) {
            return new Outcome(false, "no such file: " + n.getFile(), false);
        }
        if (f instanceof java.io.IOException io) {
            return new Outcome(false, "file error: " + io.getMessage(), false);
        }
        LOG.error("command failed: {}", String.join(" ", words), f);
        return new Outcome(false, "internal error in '" + verb + "': " + f.getClass().getSimpleName() + ": "
                + firstLine(String.valueOf(f.getMessage())) + " (details in ~/.lstmsh/lstmsh.log)", false);
    }

    private String unknownCommand(String verb) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : root.getSubcommands().keySet()) {
            int d = distance.apply(verb.toLowerCase(), known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        String hint = best != null && bestDistance <= Math.max(2, verb.length() / 3)
                ? "; did you mean '" + best + "'?"
                : "";
        return "unknown command '" + verb + "'" + hint + " (type 'help' for the list)";
    }

    List<String> words(String line) {
        return parser.parse(line, line.length(), org.jline.reader.Parser.ParseContext.ACCEPT_LINE).words()
                .stream().toList();
    }

    /** Drops a '#' comment that starts a line or follows white space, outside quotes. */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}

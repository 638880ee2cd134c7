package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@Command(
        name = "set",
        description = {
            "Set a session variable; $${NAME} anywhere on a later line is replaced by its value, and $${NAME:-DEFAULT} falls back to DEFAULT when it is unset.",
            "Without arguments, list the variables. 'scripts/lstmsh run FILE -D NAME=VALUE' sets one from the command line.",
            "A value with spaces needs quotes where it is used too: --prime \"$${PRIME}\"."
        },
        footer = {"", "Example:", "  set STEPS 200", "  train --steps $${STEPS}", "  set PRIME \"Chapter 2\"", "  sample --prime \"$${PRIME}\""})
public final class SetCommand extends WorkspaceCommand {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Letters, digits, '_' and '.', not starting with a digit.")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "VALUE", description = "The value; several words are joined by one space.")
    List<String> value = List.of();

    public SetCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Map<String, String> variables = workspace.variables();
        if (name == null) {
            if (variables.isEmpty()) {
                out().println("no variables set; 'set NAME VALUE' sets one");
            }
            variables.forEach((k, v) -> out().println(k + "=" + v));
            return;
        }
        String key = name;
        String text = String.join(" ", value);
        if (value.isEmpty() && name.contains("=")) {
            key = name.substring(0, name.indexOf('='));
            text = name.substring(name.indexOf('=') + 1);
        } else if (value.isEmpty()) {
            throw new LstmshException("set needs a value: set " + name + " VALUE (quote a value with spaces)");
        }
        define(variables, key, text);
    }

    /** Sets one variable after checking its name; shared with -D on the command line. */
    public static void define(Map<String, String> variables, String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new LstmshException("'" + name + "' cannot be a variable name; use letters, digits, '_' and '.', not starting with a digit");
        }
        variables.put(name, value);
    }
}

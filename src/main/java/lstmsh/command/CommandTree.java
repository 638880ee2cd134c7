package lstmsh.command;

import lstmsh.session.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command tree with everything it is set up with, made in this one place: where output
 * goes, colours and width of usage help, the option list that states each default, -h/--help on
 * every command, case-insensitive enum values, words such as "-0.5" for set and echo, and how a
 * failure comes back (an exit code and the exception, for the caller to word).
 */
public final class CommandTree {

    /** A run that succeeded, or only showed usage help. */
    public static final int OK = CommandLine.ExitCode.OK;
    /** A command that failed while it ran. */
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    /** A line the parser refused: unknown option, missing or malformed value. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    /** How one run went; {@code failure} is null when it succeeded. */
    public record Result(int exitCode, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final CommandLine root;
    private Throwable failure;

    private CommandTree(Workspace workspace) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getConstructor(Workspace.class).newInstance(workspace);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        };
        root = new CommandLine(new Commands(), factory);
        addHelpOption(root);
        listOptionsWithDefaults(root);
        ExpectCommand.describeFiguresAndCodes(root.getSubcommands().get("expect"));
        DiagnoseCommand.describeCodes(root.getSubcommands().get("diagnose"));
        // Values such as "-0.5" or "---" are words here, not options.
        for (String verb : List.of("set", "echo")) {
            root.getSubcommands().get(verb).setUnmatchedOptionsArePositionalParams(true);
        }
        // Set on the root after the subcommands exist, so that every one of them gets it.
        root.setOut(workspace.out());
        root.setErr(workspace.out());
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.registerConverter(Path.class, new PathConverter());
        NumberConverters.register(root);
        root.setColorScheme(Help.defaultColorScheme(workspace.console().color() ? Help.Ansi.ON : Help.Ansi.OFF));
        root.setUsageHelpWidth(Math.max(60, Math.min(120, workspace.console().width())));
        root.setExecutionExceptionHandler((e, cl, parsed) -> {
            failure = e;
            return FAILED;
        });
        root.setParameterExceptionHandler((e, args) -> {
            failure = e;
            return USAGE;
        });
    }

    /** Builds the tree with every command bound to {@code workspace}. */
    public static CommandTree create(Workspace workspace) {
        return new CommandTree(workspace);
    }

    public CommandLine root() {
        return root;
    }

    /** Whether {@code verb} names a command (or an alias of one). */
    public boolean has(String verb) {
        return root.getSubcommands().containsKey(verb);
    }

    /**
     * Runs one command line given as words. A nested run (a session file run by {@code run})
     * comes through here too; each run reads only its own failure.
     */
    public Result execute(List<String> words) {
        failure = null;
        int exitCode = root.execute(words.toArray(new String[0]));
        Throwable f = failure;
        failure = null;
        return new Result(exitCode, f);
    }

    private static void addHelpOption(CommandLine cl) {
        if (!cl.getCommandName().equals("help") && cl.getCommandSpec().optionsMap().get("--help") == null) {
            cl.getCommandSpec().addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true).description("Show this help.").build());
        }
        cl.getSubcommands().values().forEach(CommandTree::addHelpOption);
    }

    /**
     * Makes every command's usage list its options in the order they are declared, each with its
     * default: options whose description does not state one get "(default: X)", "(default: off)"
     * for flags, or "(default: none)".
     */
    private static void listOptionsWithDefaults(CommandLine cl) {
        cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> {
            Help.Layout base = help.createDefaultLayout();
            Help.IOptionRenderer renderer = base.optionRenderer();
            Help.Layout layout = new Help.Layout(base.colorScheme(), base.textTable(),
                    (option, labels, scheme) -> withDefault(option, renderer.render(option, labels, scheme)),
                    base.parameterRenderer());
            return help.optionList(layout, null, help.parameterLabelRenderer());
        });
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                listOptionsWithDefaults(sub);
            }
        });
    }

    /** The rendered rows of one option, "(default: ...)" added where its text names none. */
    private static Text[][] withDefault(OptionSpec option, Text[][] rows) {
        if (option.usageHelp() || option.versionHelp() || rows.length == 0) {
            return rows;
        }
        for (Text[] row : rows) {
            for (Text cell : row) {
                if (cell != null && cell.plainString().toLowerCase(Locale.ROOT).contains("default")) {
                    return rows;
                }
            }
        }
        String value = option.defaultValue();
        String shown = value != null && !value.isEmpty() ? value
                : option.arity().max() == 0 ? "off"
                : "none";
        Text[] last = rows[rows.length - 1];
        Text description = last[last.length - 1];
        String plain = description.plainString();
        last[last.length - 1] = plain.endsWith(".")
                ? description.substring(0, plain.length() - 1).concat(" (default: " + shown + ").")
                : description.concat(" (default: " + shown + ")");
        return rows;
    }
}

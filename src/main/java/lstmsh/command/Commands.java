package lstmsh.command;

import lstmsh.session.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** Every verb the shell understands; session files and typed lines both dispatch through it. */
@Command(
        name = "",
        description = "lstmsh commands (type 'help COMMAND' or 'COMMAND --help' for details):",
        synopsisHeading = "",
        customSynopsis = "",
        subcommands = {
            CorpusCommand.class,
            ModelCommand.class,
            TrainCommand.class,
            SampleCommand.class,
            ScoreCommand.class,
            BenchSampleCommand.class,
            SaveCommand.class,
            LoadCommand.class,
            InspectCommand.class,
            DiagnoseCommand.class,
            DeviceCommand.class,
            PlotCommand.class,
            MetricsCommand.class,
            BenchCommand.class,
            ExpectCommand.class,
            RunCommand.class,
            EchoCommand.class,
            SetCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            HelpCommand.class,
            ExitCommand.class
        })
public final class Commands implements Runnable {

    private final Workspace workspace;

    public Commands(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void run() {
        // Nothing typed after the prompt: nothing to do.
    }

    /** Builds the command tree with every command bound to {@code workspace}. */
    public static CommandLine commandLine(Workspace workspace) {
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
        CommandLine root = new CommandLine(new Commands(workspace), factory);
        addHelpOption(root);
        HelpCommand.install(root);
        ExpectCommand.describeFigures(root.getSubcommands().get("expect"));
        // Values such as "-0.5" or "---" are words here, not options.
        for (String verb : List.of("set", "echo")) {
            root.getSubcommands().get(verb).setUnmatchedOptionsArePositionalParams(true);
        }
        return root;
    }

    private static void addHelpOption(CommandLine cl) {
        if (!cl.getCommandName().equals("help") && cl.getCommandSpec().optionsMap().get("--help") == null) {
            cl.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                    .usageHelp(true).description("Show this help.").build());
        }
        cl.getSubcommands().values().forEach(Commands::addHelpOption);
    }

    /** Top-level verbs, for completion and "did you mean". */
    public static List<String> verbs(CommandLine root) {
        return List.copyOf(root.getSubcommands().keySet());
    }
}

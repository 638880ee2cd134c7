package lstmsh.command;

import picocli.CommandLine.Command;

/**
 * Every verb the shell understands; session files and typed lines both dispatch through it.
 * {@link CommandTree} builds the tree from here.
 */
@Command(
        name = "",
        description = "lstmsh commands (type 'help COMMAND' or 'COMMAND --help' for details):",
        synopsisHeading = "",
        customSynopsis = "",
        subcommands = {
            CorpusCommand.class,
            ModelCommand.class,
            TrainCommand.class,
            FitCommand.class,
            SampleCommand.class,
            ScoreCommand.class,
            BenchSampleCommand.class,
            SaveCommand.class,
            LoadCommand.class,
            ImportCommand.class,
            ExportCommand.class,
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

    @Override
    public void run() {
        // Nothing typed after the prompt: nothing to do.
    }
}

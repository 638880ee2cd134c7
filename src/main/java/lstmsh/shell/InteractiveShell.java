package lstmsh.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import picocli.shell.jline3.PicocliJLineCompleter;

import java.nio.file.Path;

/** The prompt: JLine's line editor with history and completion over the dispatcher. */
public final class InteractiveShell {

    public static final String PROMPT = "lstmsh> ";

    private final Terminal terminal;
    private final Dispatcher dispatcher;
    private final Path historyFile;

    public InteractiveShell(Terminal terminal, Dispatcher dispatcher, Path historyFile) {
        this.terminal = terminal;
        this.dispatcher = dispatcher;
        this.historyFile = historyFile;
    }

    /** Reads and runs lines until exit or Ctrl-D; returns the process exit status. */
    public int run() {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("lstmsh")
                .completer(new PicocliJLineCompleter(dispatcher.commandLine().getCommandSpec()))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        Workspace workspace = dispatcher.workspace();
        workspace.out().println("lstmsh: train, sample and diagnose LSTM text models. Type 'help' for commands, Ctrl-D to leave.");
        workspace.out().flush();
        while (!workspace.exitRequested()) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                break;
            }
            Terminal.SignalHandler previous =
                    terminal.handle(Terminal.Signal.INT, signal -> workspace.cancel().cancel());
            try {
                Dispatcher.Outcome outcome = dispatcher.execute(line);
                if (!outcome.ok() && !outcome.reported()) {
                    workspace.out().println("error: " + outcome.error());
                }
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                workspace.out().flush();
            }
        }
        try {
            reader.getHistory().save();
        } catch (Exception ignored) {
            // History is a convenience; leaving must not fail over it.
        }
        return 0;
    }
}

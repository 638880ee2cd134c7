package lstmsh.shell;

import lstmsh.session.Workspace;
import lstmsh.render.Console;
import lstmsh.train.TrainingState;

import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        DefaultParser parser = new DefaultParser();
        // As the dispatcher reads lines: backslashes stay as typed.
        parser.setEscapeChars(new char[0]);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("lstmsh")
                .parser(parser)
                .completer(new ShellCompleter(dispatcher.commandLine().getCommandSpec()))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, 2000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                // A prompt after output that did not end its line starts on a fresh one; a dumb
                // terminal cannot say where its cursor is, and asking would eat piped input.
                .option(LineReader.Option.AUTO_FRESH_LINE, !TerminalConsole.isDumb(terminal))
                .build();
        Workspace workspace = dispatcher.workspace();
        Console console = workspace.console();
        workspace.setHistory(() -> lines(reader.getHistory()));
        // A session file is a script: it goes on without asking, as it would outside the shell.
        workspace.setQuestion((warning, question) -> dispatcher.runner().running() || ask(reader, warning, question, false));
        String prompt = console.tint(Console.Tone.PROMPT, PROMPT.strip()) + " ";
        workspace.out().println("lstmsh: train, sample and diagnose LSTM text models. Type 'help' for commands, Tab to complete, Ctrl-D to leave.");
        workspace.out().flush();
        while (true) {
            if (workspace.exitRequested()) {
                if (confirmLeave(reader)) {
                    break;
                }
                continue;
            }
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt clears the line
            } catch (EndOfFileException e) {
                if (TerminalConsole.isDumb(terminal)) {
                    workspace.out().println(); // the prompt line is left open there
                }
                workspace.requestExit();
                continue;
            }
            Terminal.SignalHandler previous =
                    terminal.handle(Terminal.Signal.INT, signal -> workspace.cancel().cancel());
            Attributes typing = quiet();
            try {
                Dispatcher.Outcome outcome = dispatcher.execute(line);
                if (!outcome.ok() && !outcome.reported()) {
                    dispatcher.printError(outcome.error());
                }
            } finally {
                terminal.handle(Terminal.Signal.INT, previous);
                workspace.out().flush();
                if (typing != null) {
                    terminal.setAttributes(typing);
                }
            }
        }
        try {
            reader.getHistory().save();
        } catch (Exception ignored) {
            // History is a convenience; leaving must not fail over it.
        }
        return 0;
    }

    /**
     * Leaving with training that was never saved asks once; yes or Ctrl-D leaves, anything else
     * (Enter, Ctrl-C) stays.
     */
    private boolean confirmLeave(LineReader reader) {
        Workspace workspace = dispatcher.workspace();
        TrainingState training = workspace.training();
        if (workspace.model() == null || training == null || !training.unsaved()) {
            return true;
        }
        if (ask(reader, "warning: the model has trained (now " + training.globalStep()
                + " steps) since it was last saved or loaded; 'save DIR' keeps it.", "Leave without saving? [y/N] ", true)) {
            return true;
        }
        workspace.cancelExit();
        workspace.out().println("staying: 'save DIR' keeps the model, then 'exit' or Ctrl-D leaves.");
        workspace.out().flush();
        return false;
    }

    /** Prints the warning and asks; yes is yes, Ctrl-D is {@code onEnd}, anything else (Enter, Ctrl-C) no. */
    private boolean ask(LineReader reader, String warning, String question, boolean onEnd) {
        Workspace workspace = dispatcher.workspace();
        workspace.out().println(workspace.console().tint(Console.Tone.WARNING, warning));
        workspace.out().flush();
        String answer;
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            answer = reader.readLine(question);
        } catch (EndOfFileException e) {
            return onEnd;
        } catch (UserInterruptException e) {
            answer = "";
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
        return answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /**
     * While a command runs, keys are not echoed (a stray key or "^C" would land in the middle of
     * the progress output) but Ctrl-C still signals. Returns the attributes to restore.
     */
    private Attributes quiet() {
        try {
            Attributes before = terminal.getAttributes();
            Attributes running = new Attributes(before);
            running.setLocalFlag(Attributes.LocalFlag.ECHO, false);
            running.setLocalFlag(Attributes.LocalFlag.ISIG, true);
            terminal.setAttributes(running);
            return before;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> lines(History history) {
        List<String> lines = new ArrayList<>();
        history.forEach(entry -> lines.add(entry.line()));
        return lines;
    }
}

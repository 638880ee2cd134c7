package lstmsh.shell;

import lstmsh.util.LstmshException;
import lstmsh.command.SetCommand;
import lstmsh.render.Console;
import lstmsh.session.Workspace;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.Signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the program in one of its three modes (the interactive shell, a session file, or
 * commands given with -c) over the real terminal or, when input is piped, the given streams.
 */
public final class Launcher {

    /**
     * What the program was asked to do: {@code commands} for -c, else {@code file} for
     * {@code run FILE}, else the interactive shell.
     */
    public record Request(String commands, String file, boolean keepGoing, boolean color,
            Map<String, String> defines, Path home) {

        boolean interactive() {
            return commands == null && file == null;
        }
    }

    private Launcher() {}

    /** Runs the request and returns the program's exit status. */
    public static int run(Request request, boolean onTerminal, InputStream in, PrintStream out) throws IOException {
        try (Terminal terminal = onTerminal || request.interactive() ? terminal(onTerminal, in, out) : null) {
            Console console = onTerminal
                    ? new TerminalConsole(terminal, request.color())
                    : Console.plain(new PrintWriter(out, true, StandardCharsets.UTF_8));
            try (Workspace workspace = new Workspace(console)) {
                Dispatcher dispatcher = new Dispatcher(workspace);
                try {
                    request.defines().forEach((name, value) -> SetCommand.define(workspace.variables(), name, value));
                } catch (LstmshException e) {
                    dispatcher.printError(e.getMessage());
                    return 2;
                }
                if (request.interactive()) {
                    return new InteractiveShell(terminal, dispatcher, request.home().resolve("history")).run();
                }
                Terminal.SignalHandler previous = terminal == null ? null
                        : terminal.handle(Terminal.Signal.INT, signal -> workspace.cancel().cancel());
                try {
                    return request.commands() != null
                            ? (dispatcher.runner().runCommands(request.commands(), request.keepGoing()) ? 0 : 1)
                            : runFile(dispatcher, request.file(), request.keepGoing());
                } finally {
                    if (terminal != null) {
                        terminal.handle(Terminal.Signal.INT, previous);
                    }
                }
            }
        }
    }

    /** The real terminal, or a dumb one over the given streams when input is piped. */
    private static Terminal terminal(boolean onTerminal, InputStream in, PrintStream out) throws IOException {
        if (onTerminal) {
            Terminal terminal = TerminalBuilder.builder().name("lstmsh").system(true).encoding(StandardCharsets.UTF_8).build();
            if (terminal instanceof DumbTerminal) {
                // TERM=dumb on a real tty: JLine does not take the process' SIGINT itself, so Ctrl-C
                // would end the program instead of stopping the command. Route it to the terminal.
                Signals.register("INT", () -> terminal.raise(Terminal.Signal.INT));
            }
            return terminal;
        }
        return new DumbTerminal("lstmsh", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
    }

    private static int runFile(Dispatcher dispatcher, String file, boolean keepGoing) {
        try {
            return dispatcher.runner().runFile(file, keepGoing) ? 0 : 1;
        } catch (LstmshException e) {
            dispatcher.printError(e.getMessage());
            return 1;
        }
    }
}

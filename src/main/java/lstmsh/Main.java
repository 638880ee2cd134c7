package lstmsh;

import lstmsh.engine.EngineSupport;
import lstmsh.render.Console;
import lstmsh.shell.Dispatcher;
import lstmsh.shell.InteractiveShell;
import lstmsh.shell.TerminalConsole;
import lstmsh.shell.Workspace;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The program: an interactive shell, a session file run, or commands given with -c. */
@Command(
        name = "lstmsh",
        mixinStandardHelpOptions = true,
        version = "lstmsh 0.1.0",
        description = "A shell for training, sampling and diagnosing LSTM text models.",
        footer = {"", "Examples:", "  lstmsh                          open the interactive shell",
                "  lstmsh run sessions/quickstart.lstm", "  lstmsh -c \"corpus load corpora/tales.txt; model new; train --steps 10\""})
public final class Main implements Callable<Integer> {

    static final Path HOME = Path.of(System.getProperty("user.home"), ".lstmsh");

    @Parameters(arity = "0..*", paramLabel = "run FILE", description = "Run a session file (.lstm) and exit: 0 when every line succeeds, 1 otherwise.")
    List<String> arguments = List.of();

    @Option(names = "-c", paramLabel = "COMMANDS", description = "Run commands separated by ';' and exit.")
    String commands;

    @Option(names = "--device", paramLabel = "DEVICE", converter = lstmsh.command.DeviceCommand.Spelling.class,
            description = "Device for models: cpu, gpu or gpu:N (default: the first GPU of a CUDA build, else cpu).")
    String device;

    @Option(names = "--no-color", description = "Plain output without colours (NO_COLOR also turns them off).")
    boolean noColor;

    public static void main(String[] args) {
        EngineSupport.configure(HOME.resolve("lstmsh.log"));
        int status = new CommandLine(new Main()).execute(args);
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        boolean interactive = arguments.isEmpty() && commands == null;
        EngineSupport.requestDevice(device);
        if (!arguments.isEmpty() && !(arguments.size() == 2 && arguments.get(0).equals("run"))) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "expected 'run FILE', -c COMMANDS or nothing; got: " + String.join(" ", arguments));
        }
        boolean onTerminal = System.console() != null;
        try (Terminal terminal = onTerminal || interactive ? terminal(onTerminal) : null) {
            Console console = onTerminal
                    ? new TerminalConsole(terminal, !noColor)
                    : Console.plain(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
            try (Workspace workspace = new Workspace(console)) {
                Dispatcher dispatcher = new Dispatcher(workspace);
                if (interactive) {
                    return new InteractiveShell(terminal, dispatcher, HOME.resolve("history")).run();
                }
                Terminal.SignalHandler previous = terminal == null ? null
                        : terminal.handle(Terminal.Signal.INT, signal -> workspace.cancel().cancel());
                try {
                    return commands != null ? runCommands(dispatcher, commands) : runFile(dispatcher, arguments.get(1));
                } finally {
                    if (terminal != null) {
                        terminal.handle(Terminal.Signal.INT, previous);
                    }
                }
            }
        }
    }

    /** The real terminal, or a dumb one over the standard streams when input is piped. */
    private static Terminal terminal(boolean onTerminal) throws java.io.IOException {
        if (onTerminal) {
            return TerminalBuilder.builder().name("lstmsh").system(true).encoding(StandardCharsets.UTF_8).build();
        }
        return new org.jline.terminal.impl.DumbTerminal(
                "lstmsh", Terminal.TYPE_DUMB, System.in, System.out, StandardCharsets.UTF_8);
    }

    private static int runFile(Dispatcher dispatcher, String file) {
        Workspace workspace = dispatcher.workspace();
        try {
            return workspace.runner().runFile(file) ? 0 : 1;
        } catch (LstmshException e) {
            workspace.out().println("error: " + e.getMessage());
            workspace.out().flush();
            return 1;
        }
    }

    private static int runCommands(Dispatcher dispatcher, String commands) {
        Workspace workspace = dispatcher.workspace();
        for (String command : commands.split(";")) {
            if (command.isBlank()) {
                continue;
            }
            Dispatcher.Outcome outcome = dispatcher.execute(command.strip());
            if (!outcome.ok()) {
                if (!outcome.reported()) {
                    workspace.out().println("error: " + outcome.error());
                    workspace.out().flush();
                }
                return 1;
            }
            if (workspace.exitRequested()) {
                break;
            }
        }
        return 0;
    }
}

package lstmsh;

import lstmsh.command.SetCommand;
import lstmsh.engine.EngineSupport;
import lstmsh.render.Console;
import lstmsh.shell.Dispatcher;
import lstmsh.shell.InteractiveShell;
import lstmsh.shell.TerminalConsole;
import lstmsh.session.Workspace;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The program: an interactive shell, a session file run, or commands given with -c. */
@Command(
        name = "lstmsh",
        mixinStandardHelpOptions = true,
        version = "lstmsh 0.1.0",
        description = "A shell for training, sampling and diagnosing LSTM text models.",
        footer = {"", "Examples:", "  lstmsh                          open the interactive shell",
                "  lstmsh run sessions/quickstart.lstm",
                "  lstmsh run sessions/quickstart.lstm -D STEPS=50 --keep-going",
                "  lstmsh -c \"corpus load corpora/tales.txt; model new; train --steps 10\""})
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

    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Set a session variable, used as ${NAME} in the file or commands.")
    Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--keep-going", description = "Run past failing lines; exit 1 at the end if any failed.")
    boolean keepGoing;

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
                try {
                    defines.forEach((name, value) -> SetCommand.define(workspace.variables(), name, value));
                } catch (LstmshException e) {
                    dispatcher.printError(e.getMessage());
                    return 2;
                }
                if (interactive) {
                    return new InteractiveShell(terminal, dispatcher, HOME.resolve("history")).run();
                }
                Terminal.SignalHandler previous = terminal == null ? null
                        : terminal.handle(Terminal.Signal.INT, signal -> workspace.cancel().cancel());
                try {
                    return commands != null ? (dispatcher.runner().runCommands(commands, keepGoing) ? 0 : 1)
                            : runFile(dispatcher, arguments.get(1), keepGoing);
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
            Terminal terminal = TerminalBuilder.builder().name("lstmsh").system(true).encoding(StandardCharsets.UTF_8).build();
            if (terminal instanceof org.jline.terminal.impl.DumbTerminal) {
                // TERM=dumb on a real tty: JLine does not take the process' SIGINT itself, so Ctrl-C
                // would end the program instead of stopping the command. Route it to the terminal.
                org.jline.utils.Signals.register("INT", () -> terminal.raise(Terminal.Signal.INT));
            }
            return terminal;
        }
        return new org.jline.terminal.impl.DumbTerminal(
                "lstmsh", Terminal.TYPE_DUMB, System.in, System.out, StandardCharsets.UTF_8);
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

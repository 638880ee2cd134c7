package lstmsh;

import lstmsh.engine.EngineSupport;
import lstmsh.engine.OpenMpWaitPolicy;
import lstmsh.shell.Launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Option(names = "--device", paramLabel = "DEVICE", converter = lstmsh.command.DeviceSpelling.class,
            description = "Device for models: cpu, gpu or gpu:N (default: the first GPU of a CUDA build, else cpu).")
    String device;

    @Option(names = "--no-color", description = "Plain output without colours (NO_COLOR also turns them off).")
    boolean noColor;

    @Option(names = "-D", paramLabel = "NAME=VALUE", description = "Set a session variable, used as $${NAME} in the file or commands.")
    Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--keep-going", description = "Run past failing lines; exit 1 at the end if any failed.")
    boolean keepGoing;

    public static void main(String[] args) {
        OpenMpWaitPolicy.passiveUnlessSet(); // before the engine's library reads it
        EngineSupport.configure(HOME.resolve("lstmsh.log"));
        int status = new CommandLine(new Main()).execute(args);
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        EngineSupport.requestDevice(device);
        if (!arguments.isEmpty() && !(arguments.size() == 2 && arguments.get(0).equals("run"))) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "expected 'run FILE', -c COMMANDS or nothing; got: " + String.join(" ", arguments));
        }
        Launcher.Request request = new Launcher.Request(commands, commands == null && !arguments.isEmpty() ? arguments.get(1) : null,
                keepGoing, !noColor, defines, HOME);
        return Launcher.run(request, System.console() != null, System.in, System.out);
    }
}

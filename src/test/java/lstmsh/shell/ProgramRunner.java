package lstmsh.shell;

import lstmsh.Main;

import picocli.CommandLine;

/** Runs the program's entry point as a process would, without exiting the JVM. */
final class ProgramRunner {

    private ProgramRunner() {}

    static int exitStatus(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}

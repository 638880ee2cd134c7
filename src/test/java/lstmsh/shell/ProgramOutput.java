package lstmsh.shell;

import lstmsh.Main;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the program as a process would, without exiting the JVM, and keeps what it printed. */
record ProgramOutput(int status, String text) {

    static synchronized ProgramOutput run(String... args) {
        PrintStream previous = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int status = new CommandLine(new Main()).execute(args);
            return new ProgramOutput(status, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }
}

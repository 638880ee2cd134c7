package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.render.Console;
import lstmsh.render.LiveLine;
import lstmsh.session.Workspace;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command layer without a terminal: a workspace whose console writes to a buffer, and the
 * dispatcher over it. Shared by every test that types command lines.
 */
public final class ShellFixture implements AutoCloseable {

    public final StringWriter buffer = new StringWriter();
    public final Workspace workspace;
    public final Dispatcher dispatcher;

    /** Plain output, as a session file piped to a log gets. */
    public ShellFixture() {
        this(Console::plain);
    }

    /** Output through a console of the test's making (e.g. one with colours) over the buffer. */
    public ShellFixture(Function<PrintWriter, Console> console) {
        workspace = new Workspace(console.apply(new PrintWriter(buffer, true)));
        dispatcher = new Dispatcher(workspace);
    }

    /** Output as a colour terminal gets it (escape sequences included), otherwise as {@link #ShellFixture()}. */
    public static ShellFixture colour() {
        return new ShellFixture(out -> console(out, true, () -> Console.plain(out).liveLine()));
    }

    /** A plain console's width and output; a terminal (with colours) or not, and live lines a test makes. */
    public static Console console(PrintWriter out, boolean terminal, Supplier<LiveLine> liveLine) {
        Console plain = Console.plain(out);
        return new Console() {
            @Override
            public PrintWriter out() {
                return out;
            }

            @Override
            public boolean isTerminal() {
                return terminal;
            }

            @Override
            public boolean color() {
                return terminal;
            }

            @Override
            public int width() {
                return plain.width();
            }

            @Override
            public LiveLine liveLine() {
                return liveLine.get();
            }
        };
    }

    public Dispatcher.Outcome run(String line) {
        return dispatcher.execute(line);
    }

    /** Output since the last call, {@link #ok} or {@link #fail} began: after a failure, what the failing line printed. */
    public String output() {
        String s = buffer.toString();
        buffer.getBuffer().setLength(0);
        return s;
    }

    /** Runs lines that must succeed; returns what they printed (earlier output is dropped). */
    public String ok(String... lines) {
        output();
        for (String line : lines) {
            Dispatcher.Outcome outcome = run(line);
            assertTrue(outcome.ok(), line + " failed: " + outcome.error() + "\n" + buffer);
        }
        return output();
    }

    /** Runs a line that must fail; returns its error, which is one line. What it printed stays for {@link #output}. */
    public String fail(String line) {
        output();
        Dispatcher.Outcome outcome = run(line);
        assertFalse(outcome.ok(), line + " should fail:\n" + buffer);
        assertFalse(outcome.error().contains("\n"), "one line: " + outcome.error());
        return outcome.error();
    }

    @Override
    public void close() {
        workspace.close();
    }
}

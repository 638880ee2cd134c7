package lstmsh.shell;

import lstmsh.session.Workspace;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The interactive shell over a dumb terminal whose keyboard is a list of typed lines and whose
 * screen is kept. Shared by the full-terminal tests; {@link ShellFixture} is the layer below.
 */
final class TypedShell implements AutoCloseable {

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    final Workspace workspace;

    /** {@code color}: what the console is asked for; a dumb terminal turns it off either way. */
    TypedShell(boolean color, String... lines) throws IOException {
        String typed = String.join("\n", lines) + (lines.length == 0 ? "" : "\n");
        terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8);
        workspace = new Workspace(new TerminalConsole(terminal, color));
    }

    /** Runs the shell until it is left or the typed lines run out; returns its exit status. */
    int run(Path history) {
        return new InteractiveShell(terminal, new Dispatcher(workspace), history).run();
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try (terminal) {
            workspace.close();
        }
    }
}

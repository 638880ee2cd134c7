package lstmsh.shell;

import lstmsh.session.Workspace;
import lstmsh.render.Console;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A workspace whose output is captured, with its dispatcher. */
final class ShellFixture implements AutoCloseable {

    final StringWriter buffer = new StringWriter();
    final Workspace workspace = new Workspace(Console.plain(new PrintWriter(buffer, true)));
    final Dispatcher dispatcher = new Dispatcher(workspace);

    Dispatcher.Outcome run(String line) {
        return dispatcher.execute(line);
    }

    /** Output since the last call. */
    String output() {
        String s = buffer.toString();
        buffer.getBuffer().setLength(0);
        return s;
    }

    @Override
    public void close() {
        workspace.close();
    }
}

package lstmsh.shell;

import lstmsh.render.CarriageReturnLiveLine;
import lstmsh.render.Console;
import lstmsh.render.LiveLine;
import lstmsh.render.PeriodicLiveLine;

import org.jline.terminal.Terminal;

import java.io.PrintWriter;

/** Output to a JLine terminal; a dumb terminal gets plain periodic lines instead of redraws. */
public final class TerminalConsole implements Console {

    private final Terminal terminal;
    private final boolean color;

    public TerminalConsole(Terminal terminal, boolean color) {
        this.terminal = terminal;
        this.color = color && !isDumb(terminal) && System.getenv("NO_COLOR") == null;
    }

    public Terminal terminal() {
        return terminal;
    }

    @Override
    public PrintWriter out() {
        return terminal.writer();
    }

    @Override
    public boolean isTerminal() {
        return !isDumb(terminal);
    }

    @Override
    public boolean color() {
        return color;
    }

    @Override
    public int width() {
        int w = terminal.getWidth();
        return w > 0 ? w : 100;
    }

    @Override
    public LiveLine liveLine() {
        return isTerminal() ? new CarriageReturnLiveLine(out(), width()) : new PeriodicLiveLine(out(), 10_000);
    }

    static boolean isDumb(Terminal terminal) {
        String type = terminal.getType();
        return type == null || type.startsWith(Terminal.TYPE_DUMB);
    }
}

package lstmsh.shell;

import lstmsh.render.CarriageReturnLiveLine;
import lstmsh.render.Console;
import lstmsh.render.LiveLine;
import lstmsh.render.PeriodicLiveLine;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Output to a JLine terminal. A capable terminal gets colours and a progress line pinned to its
 * bottom row; a dumb one gets plain text and periodic progress lines instead of redraws.
 */
public final class TerminalConsole implements Console {

    private static final Map<Tone, AttributedStyle> STYLES = new EnumMap<>(Map.of(
            Tone.ERROR, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold(),
            Tone.WARNING, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW),
            Tone.OK, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN),
            Tone.PROMPT, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).bold(),
            Tone.EMPHASIS, AttributedStyle.BOLD,
            Tone.DIM, AttributedStyle.DEFAULT.faint()));

    private final Terminal terminal;
    private final boolean color;
    private final PrintWriter out;

    public TerminalConsole(Terminal terminal, boolean color) {
        this(terminal, color, System.getenv());
    }

    /** {@code environment} is where NO_COLOR is looked up (any value, even empty, turns colours off). */
    TerminalConsole(Terminal terminal, boolean color, Map<String, String> environment) {
        this.terminal = terminal;
        this.color = color && !isDumb(terminal) && !environment.containsKey("NO_COLOR");
        if (this.color) {
            Map<String, String> rules = new LinkedHashMap<>();
            String warning = ansi(Tone.WARNING);
            String error = ansi(Tone.ERROR);
            rules.put("warning ", warning);
            rules.put("warning:", warning);
            rules.put("error:", error);
            this.out = new PrintWriter(new HighlightingWriter(terminal.writer(), rules));
        } else {
            this.out = terminal.writer();
        }
    }

    public Terminal terminal() {
        return terminal;
    }

    @Override
    public PrintWriter out() {
        return out;
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
        if (!isTerminal()) {
            return new PeriodicLiveLine(out(), 10_000);
        }
        if (StatusLiveLine.supported(terminal)) {
            return new StatusLiveLine(terminal, out(), color ? AttributedStyle.DEFAULT.inverse() : AttributedStyle.DEFAULT);
        }
        return new CarriageReturnLiveLine(out(), width());
    }

    @Override
    public String tint(Tone tone, String text) {
        if (!color || text.isEmpty()) {
            return text;
        }
        return new AttributedString(text, STYLES.get(tone)).toAnsi(terminal);
    }

    /** The escape sequence that starts a tone's style. */
    private String ansi(Tone tone) {
        String styled = new AttributedString("x", STYLES.get(tone)).toAnsi(terminal);
        return styled.substring(0, styled.indexOf('x'));
    }

    static boolean isDumb(Terminal terminal) {
        String type = terminal.getType();
        return type == null || type.startsWith(Terminal.TYPE_DUMB);
    }
}

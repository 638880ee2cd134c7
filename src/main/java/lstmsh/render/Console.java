package lstmsh.render;

import java.io.PrintWriter;

/**
 * Where a command's output goes and what that place can do. A terminal gets a live line
 * updated in place; a pipe or a file gets plain lines.
 */
public interface Console {

    PrintWriter out();

    boolean isTerminal();

    boolean color();

    int width();

    /** A line that shows the latest progress; closing it leaves the output clean. */
    LiveLine liveLine();

    /** What a piece of text is, for consoles that colour it. */
    enum Tone { ERROR, WARNING, OK, PROMPT, EMPHASIS, DIM }

    /** The text styled for its tone where colours are on; the text itself otherwise. */
    default String tint(Tone tone, String text) {
        return text;
    }

    /** Plain output, e.g. for a session file piped to a log. */
    static Console plain(PrintWriter out) {
        return new Console() {
            @Override
            public PrintWriter out() {
                return out;
            }

            @Override
            public boolean isTerminal() {
                return false;
            }

            @Override
            public boolean color() {
                return false;
            }

            @Override
            public int width() {
                return 100;
            }

            @Override
            public LiveLine liveLine() {
                return new PeriodicLiveLine(out, 10_000);
            }
        };
    }
}

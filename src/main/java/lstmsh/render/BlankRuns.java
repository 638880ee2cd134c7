package lstmsh.render;

import lstmsh.util.Texts;

import java.util.function.Consumer;

/**
 * Streams generated text, holding back runs of whitespace-only pieces: a short run passes as it
 * is, a long one (more than {@value #MAX_BLANK_LINES} newlines, or more than {@value #MAX_BLANKS}
 * blank characters) prints as one visible line such as "⏎ ×60", so a sample stuck on the newline
 * token does not look like an empty screen.
 */
public final class BlankRuns {

    /** Up to this many newlines in a row print as they are: a paragraph break and a little more. */
    public static final int MAX_BLANK_LINES = 3;
    /** Up to this many blank characters in a row print as they are: indentation, alignment. */
    public static final int MAX_BLANKS = 40;

    private final Consumer<String> out;
    private final StringBuilder held = new StringBuilder();
    private boolean atLineStart = true;

    /** @param out where the text goes, already coloured or not */
    public BlankRuns(Consumer<String> out) {
        this.out = out;
    }

    /** @param shown the piece as printed (perhaps tinted); {@code piece} is its plain text */
    public void accept(String piece, String shown) {
        if (!piece.isEmpty() && piece.isBlank()) {
            held.append(piece);
            return;
        }
        flush();
        out.accept(shown);
        if (!piece.isEmpty()) {
            atLineStart = piece.endsWith("\n");
        }
    }

    /** Prints what is held back: at the end of a sample, or before anything else is printed. */
    public void flush() {
        if (held.isEmpty()) {
            return;
        }
        String run = held.toString();
        held.setLength(0);
        long newlines = run.chars().filter(c -> c == '\n').count();
        if (newlines <= MAX_BLANK_LINES && run.length() <= MAX_BLANKS) {
            out.accept(run);
            atLineStart = run.endsWith("\n");
        } else if (newlines > 0) {
            // On a line of its own, so the text after it starts where the run leaves it.
            out.accept((atLineStart ? "" : "\n") + Texts.blankRun(run) + "\n");
            atLineStart = true;
        } else {
            out.accept(" " + Texts.blankRun(run) + " ");
            atLineStart = false;
        }
    }
}

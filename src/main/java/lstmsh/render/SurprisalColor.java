package lstmsh.render;

/**
 * Tints text by how surprised the model was, with plain ANSI colours: green for what the
 * model expected, no colour for the ordinary, yellow for the unexpected, red for the very
 * unexpected. Callers check {@link Console#color()} first, which is off for pipes, dumb
 * terminals and when NO_COLOR is set.
 */
public final class SurprisalColor {

    /** Below this many bits a token was expected. */
    public static final double EXPECTED_BITS = 1;
    /** From this many bits a token was unexpected. */
    public static final double UNEXPECTED_BITS = 4;
    /** From this many bits a token was very unexpected. */
    public static final double VERY_UNEXPECTED_BITS = 7;

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String HIGHLIGHT = "\u001b[1;7;31m";

    private SurprisalColor() {}

    public static String tint(String piece, double surprisalBits) {
        String colour = surprisalBits < EXPECTED_BITS ? GREEN
                : surprisalBits < UNEXPECTED_BITS ? null
                : surprisalBits < VERY_UNEXPECTED_BITS ? YELLOW
                : RED;
        return colour == null ? piece : wrap(colour, piece);
    }

    /** Marks a piece strongly (bold, reversed, red); without colour, [brackets]. */
    public static String highlight(String piece, boolean colour) {
        return colour ? wrap(HIGHLIGHT, piece) : "[" + piece + "]";
    }

    /** One line saying what the colours mean. */
    public static String legend() {
        return "colours: " + wrap(GREEN, "expected (< " + fmt(EXPECTED_BITS) + " bit)") + ", plain, "
                + wrap(YELLOW, "unexpected (≥ " + fmt(UNEXPECTED_BITS) + " bits)") + ", "
                + wrap(RED, "very unexpected (≥ " + fmt(VERY_UNEXPECTED_BITS) + " bits)");
    }

    /** Colour codes stop before a newline, so a line never ends tinted. */
    private static String wrap(String colour, String piece) {
        if (piece.indexOf('\n') < 0) {
            return colour + piece + RESET;
        }
        StringBuilder sb = new StringBuilder();
        String[] lines = piece.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            if (!lines[i].isEmpty()) {
                sb.append(colour).append(lines[i]).append(RESET);
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

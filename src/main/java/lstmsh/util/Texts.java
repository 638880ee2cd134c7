package lstmsh.util;

/** How tokens and snippets of text are shown inside a message. */
public final class Texts {

    /** A run of one blank character at least this long is shown as its symbol and a count, e.g. "⏎ ×60". */
    public static final int COUNTED_RUN = 4;

    private Texts() {}

    /** In double quotes, with newlines, tabs and carriage returns made visible. */
    public static String quote(String text) {
        return "\"" + visible(text) + "\"";
    }

    /**
     * Newlines, tabs and carriage returns written as {@code \n}, {@code \t}, {@code \r}; a run of
     * {@value #COUNTED_RUN} or more of one blank character as its symbol and a count ({@code ⏎ ×60}),
     * so a run of newlines reads as what it is instead of a screenful of escapes.
     */
    public static String visible(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = i + 1;
            while (end < text.length() && text.charAt(end) == c) {
                end++;
            }
            int run = end - i;
            if (symbol(c) != 0 && run >= COUNTED_RUN) {
                sb.append(symbol(c)).append(" \u00D7").append(run);
                if (end < text.length()) {
                    sb.append(' ');
                }
            } else {
                for (int k = 0; k < run; k++) {
                    sb.append(escape(c));
                }
            }
            i = end;
        }
        return sb.toString();
    }

    /**
     * A whitespace-only text shown with a symbol per character and counted runs: "⏎ ×58 ␣ ×2",
     * "⏎⏎␣".
     */
    public static String blankRun(String text) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = i + 1;
            while (end < text.length() && text.charAt(end) == c) {
                end++;
            }
            String shown = String.valueOf(symbol(c) == 0 ? '\u00B7' : symbol(c));
            parts.add(end - i >= COUNTED_RUN ? shown + " \u00D7" + (end - i) : shown.repeat(end - i));
            i = end;
        }
        return String.join(" ", parts);
    }

    /** The symbol a blank character is shown as in a counted run, or 0 for other characters. */
    private static char symbol(char c) {
        return switch (c) {
            case '\n' -> '\u23CE';
            case ' ' -> '\u2423';
            case '\t' -> '\u21E5';
            case '\r' -> '\u240D';
            default -> 0;
        };
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            default -> String.valueOf(c);
        };
    }

    /** At most {@code max} characters, the last three "..." when cut. */
    public static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** Quoted and cut to at most {@code max} characters inside the quotes. */
    public static String quoteShort(String text, int max) {
        return "\"" + abbreviate(visible(text), max) + "\"";
    }
}

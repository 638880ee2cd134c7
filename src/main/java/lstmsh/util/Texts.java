package lstmsh.util;

/** How tokens and snippets of text are shown inside a message. */
public final class Texts {

    private Texts() {}

    /** In double quotes, with newlines, tabs and carriage returns made visible. */
    public static String quote(String text) {
        return "\"" + visible(text) + "\"";
    }

    /** Newlines, tabs and carriage returns written as {@code \n}, {@code \t}, {@code \r}. */
    public static String visible(String text) {
        return text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
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

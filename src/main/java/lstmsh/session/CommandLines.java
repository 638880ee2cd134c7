package lstmsh.session;

import java.util.ArrayList;
import java.util.List;

/** Splitting what the user typed before a command sees it: comments and ';'-separated commands. */
public final class CommandLines {

    private CommandLines() {}

    /** Drops a '#' comment that starts a line or follows white space, outside quotes. */
    public static String stripComment(String line) {
        int at = firstOutsideQuotes(line, 0, (text, i) -> text.charAt(i) == '#'
                && (i == 0 || Character.isWhitespace(text.charAt(i - 1))));
        return at < 0 ? line : line.substring(0, at);
    }

    /** Splits at ';' outside quotes, so {@code --prime "a; b"} stays one argument. */
    public static List<String> splitCommands(String commands) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = firstOutsideQuotes(commands, from, (text, i) -> text.charAt(i) == ';')) >= 0) {
            parts.add(commands.substring(from, at));
            from = at + 1;
        }
        parts.add(commands.substring(from));
        return parts;
    }

    private interface Stop {
        boolean at(String text, int index);
    }

    /** The first index from {@code from} on, outside single or double quotes, where {@code stop} holds; -1 if none. */
    private static int firstOutsideQuotes(String text, int from, Stop stop) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (stop.at(text, i)) {
                return i;
            }
        }
        return -1;
    }
}

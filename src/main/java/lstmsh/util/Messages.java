package lstmsh.util;

import java.util.regex.Pattern;

/** A library's failure message made fit for the one line the user sees. */
public final class Messages {

    private Messages() {}

    /** "java.lang.IllegalStateException: " and the like, as libraries prefix their causes. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): *");

    /**
     * The first line of {@code failure}'s message without the class names libraries put in front,
     * or {@code fallback} when nothing readable is left.
     */
    public static String plain(Throwable failure, String fallback) {
        String message = failure.getMessage();
        if (message == null) {
            return fallback;
        }
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        String previous;
        do {
            previous = first;
            first = CLASS_PREFIX.matcher(first).replaceFirst("");
        } while (!first.equals(previous));
        return first.isEmpty() || first.contains("java.") || first.matches(".*\\b\\w*Exception\\b.*") ? fallback : first;
    }

    /**
     * {@code message} as one line whatever the user typed into it: newlines, tabs, NUL and other
     * control characters written as {@code \n}, {@code \t}, {@code \0}, {@code \x1b}.
     */
    public static String oneLine(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        message.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                default -> {
                    if (Character.isISOControl(cp)) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }
}

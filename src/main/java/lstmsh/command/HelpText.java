package lstmsh.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;

/** The text of the help overview's rows: a command's synopsis and its description cut to fit. */
final class HelpText {

    private HelpText() {}

    /** A command's first synopsis line: the custom one, or its name and positional parameters ([optional]). */
    static String synopsis(CommandSpec s) {
        String[] custom = s.usageMessage().customSynopsis();
        if (custom.length > 0) {
            return custom[0].strip();
        }
        StringBuilder b = new StringBuilder(s.qualifiedName(" ").strip());
        for (PositionalParamSpec p : s.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String label = p.paramLabel() + (p.isMultiValue() ? "..." : "");
            b.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return b.toString();
    }

    /** Up to the first full stop that ends a sentence (". " before a capital, so not "e.g. in"). */
    static String firstSentence(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        String first = description[0].strip();
        for (int i = first.indexOf(". "); i > 0; i = first.indexOf(". ", i + 1)) {
            if (i + 2 < first.length() && Character.isUpperCase(first.charAt(i + 2))) {
                return first.substring(0, i + 1);
            }
        }
        return first;
    }

    /** Fits a description in {@code room} columns, cutting at a clause break where one is near the end. */
    static String shorten(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        int cut = -1;
        for (String brk : List.of(" (", "; ", ": ", ", ", " - ")) {
            int at = text.lastIndexOf(brk, room - 1);
            if (at > cut) {
                cut = at;
            }
        }
        if (cut >= room / 2) {
            return text.substring(0, cut);
        }
        int space = text.lastIndexOf(' ', room - 2);
        return text.substring(0, space > 0 ? space : room - 1) + " …";
    }

    /** {@code s} padded to {@code width} columns, with at least one space after it. */
    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}

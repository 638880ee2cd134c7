package lstmsh.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Enum constants as options spell them: lower case, read back case-insensitively. */
final class Labels {

    private Labels() {}

    /** The constant whose label is {@code text}, or an error that lists the labels ({@code what}: "an optimizer"). */
    static <E extends Enum<E>> E parse(E[] values, Function<E, String> label, String text, String what) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (E v : values) {
            if (label.apply(v).equals(wanted)) {
                return v;
            }
        }
        List<String> labels = Arrays.stream(values).map(label).toList();
        throw new IllegalArgumentException("'" + text + "' is not " + what + "; use "
                + String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1));
    }
}

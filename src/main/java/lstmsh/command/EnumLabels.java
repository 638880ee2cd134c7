package lstmsh.command;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** An option's completion values, read from an enum's labels (for Picocli's completionCandidates). */
abstract class EnumLabels implements Iterable<String> {

    private final List<String> labels;

    protected <E extends Enum<E>> EnumLabels(E[] values, Function<E, String> label) {
        labels = Arrays.stream(values).map(label).toList();
    }

    @Override
    public Iterator<String> iterator() {
        return labels.iterator();
    }
}

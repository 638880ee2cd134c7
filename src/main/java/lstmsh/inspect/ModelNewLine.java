package lstmsh.inspect;

import lstmsh.model.Init;
import lstmsh.model.ModelSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code model new} line that rebuilds a model's architecture with a few settings changed, so a
 * fix that needs a new model keeps everything else the user chose and runs as printed.
 */
public final class ModelNewLine {

    private ModelNewLine() {}

    /** {@code model new} with the settings of {@code settings}, each option in {@code changes} replaced or added. */
    public static String of(ModelSettings settings, Map<String, String> changes) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--embed", Integer.toString(settings.embed()));
        List<Integer> hidden = settings.hidden();
        if (hidden.stream().distinct().count() == 1) {
            options.put("--hidden", hidden.get(0).toString());
            options.put("--layers", Integer.toString(hidden.size()));
        } else {
            options.put("--hidden", hidden.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        putIfSet(options, "--dropout", settings.dropout());
        putIfSet(options, "--embed-dropout", settings.embedDropout());
        putIfSet(options, "--output-dropout", settings.outputDropout());
        if (!settings.init().equals(Init.XAVIER)) {
            options.put("--init", settings.init().toString());
        }
        putIfSet(options, "--forget-bias", settings.forgetBias());
        if (settings.tie()) {
            options.put("--tie", "");
        }
        options.putAll(changes);
        StringBuilder line = new StringBuilder("model new");
        options.forEach((option, value) -> line.append(' ').append(option).append(value.isEmpty() ? "" : " " + value));
        return line.toString();
    }

    /** {@code model new} with every layer twice as wide (and the embedding with it when tied). */
    public static String wider(ModelSettings settings) {
        List<Integer> doubled = settings.hidden().stream().map(h -> 2 * h).toList();
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("--hidden", doubled.stream().distinct().count() == 1 ? doubled.get(0).toString()
                : doubled.stream().map(String::valueOf).collect(Collectors.joining(",")));
        if (settings.tie()) {
            changes.put("--embed", doubled.get(doubled.size() - 1).toString());
        }
        return of(settings, changes);
    }

    private static void putIfSet(Map<String, String> options, String option, float value) {
        if (value != 0) {
            options.put(option, value == Math.rint(value) ? Integer.toString((int) value) : Float.toString(value));
        }
    }
}

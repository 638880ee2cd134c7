package lstmsh.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.Map;

/**
 * The text of the help overview's rows and of Tab's hints: a command's synopsis and a one-line
 * summary written to fit, so neither ever cuts a description mid-phrase.
 */
public final class HelpText {

    /** Columns a summary may take: what the overview leaves beside the synopses in 80 columns. */
    public static final int SUMMARY_WIDTH = 50;

    /** One line per command, by qualified name, at most {@link #SUMMARY_WIDTH} characters. */
    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("corpus", "Load, describe, generate and cache corpora"),
            Map.entry("corpus load", "Read a file, folder or glob of text as the corpus"),
            Map.entry("corpus stats", "Size, vocabulary and <unk> share of the corpus"),
            Map.entry("corpus generate", "Write a generated corpus, reproducible by seed"),
            Map.entry("corpus cache", "Show the cache of encoded corpora, or clear it"),
            Map.entry("model", "Build a model or show the one loaded"),
            Map.entry("model new", "Build a new LSTM model over the loaded corpus"),
            Map.entry("model show", "Show the architecture and parameter shapes"),
            Map.entry("save", "Write the model and its training to a checkpoint"),
            Map.entry("load", "Restore a checkpoint written by 'save'"),
            Map.entry("device", "Show the devices, or move the model to one"),
            Map.entry("train", "Train the model on the loaded corpus"),
            Map.entry("fit", "Build and train the best model the minutes allow"),
            Map.entry("plot", "Chart loss, val_loss, lr or grad_norm by step"),
            Map.entry("metrics", "List or export the training history"),
            Map.entry("metrics show", "List the training runs and the last steps"),
            Map.entry("metrics export", "Write the training history as CSV"),
            Map.entry("import pytorch", "Load a PyTorch LSTM model from safetensors"),
            Map.entry("export pytorch", "Write safetensors weights PyTorch loads"),
            Map.entry("bench", "Measure this machine's engine in one run"),
            Map.entry("bench-sample", "Time sampling on the quickstart model's shape"),
            Map.entry("sample", "Generate text from the model and judge it"),
            Map.entry("score", "How surprised the model is by a text"),
            Map.entry("status", "Show what is loaded: corpus, model, device, steps"),
            Map.entry("inspect", "Look inside the model on a text"),
            Map.entry("inspect state", "Run a text through the model; show its states"),
            Map.entry("inspect hidden", "Compare the final hidden states of several inputs"),
            Map.entry("inspect gates", "Show each layer's gates along a text"),
            Map.entry("inspect cells", "Find the units that follow quotes, lines, words"),
            Map.entry("inspect match", "Find where a span's units are on again (LSTMVis)"),
            Map.entry("inspect ablate", "Hold units at 0 or their mean; compare the loss"),
            Map.entry("inspect loop", "Replay a looping sample: decoding or model?"),
            Map.entry("diagnose", "Run every check that applies to what is loaded"),
            Map.entry("run", "Run a session file, one command per line"),
            Map.entry("set", "Set a variable; ${NAME} then stands for its value"),
            Map.entry("echo", "Print a note, e.g. in a session's output"),
            Map.entry("expect", "Check a figure left by an earlier command"),
            Map.entry("history", "Show the last commands typed, oldest first"),
            Map.entry("help", "List the commands, or show one command's usage"),
            Map.entry("exit", "Leave the shell (Ctrl-D does the same)"));

    private HelpText() {}

    /**
     * A command's one-line summary: the one written for it, else the first sentence of its
     * description, cut at a word with "…" where it does not fit.
     */
    public static String summary(CommandSpec s) {
        String written = SUMMARIES.get(s.qualifiedName(" ").strip());
        if (written != null) {
            return written;
        }
        return shorten(firstSentence(s.usageMessage().description()), SUMMARY_WIDTH);
    }

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
    public static String firstSentence(String[] description) {
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

    /** Fits a text in {@code room} columns, cut at a word and marked "…" where it is longer. */
    public static String shorten(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        int space = text.lastIndexOf(' ', room - 2);
        return text.substring(0, space > 0 ? space : room - 1) + " …";
    }

    /** {@code s} padded to {@code width} columns, with at least one space after it. */
    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}

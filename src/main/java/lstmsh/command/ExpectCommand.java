package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.finding.FindingCode;
import lstmsh.session.Figures;
import lstmsh.session.Suggestions;
import lstmsh.session.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

@Command(
        name = "expect",
        customSynopsis = {
            "expect NAME OP VALUE",
            "       expect warning CODE",
            "       expect no-warning CODE"
        },
        description = {
            "Check a figure left by an earlier command; the line fails (and so a session file) when it does not hold.",
            "OP is <, <=, > or >=; VALUE is a number or another figure's name. 'expect warning CODE' checks that the last command that warned raised CODE, 'expect no-warning CODE' that it did not.",
            "Losses are in nats per token; entropies and *_bits figures in bits."
        },
        footer = {"", "Example:", "  expect train.val_bits < corpus.unigram_entropy", "  expect sample.warnings <= 0",
                "  expect no-warning LOOP"})
public final class ExpectCommand extends WorkspaceCommand {

    @Parameters(arity = "2..3", paramLabel = "WORD", hideParamSyntax = true,
            description = "NAME OP VALUE, or warning CODE, or no-warning CODE.")
    List<String> words;

    public ExpectCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Figures figures = workspace.figures();
        String first = words.get(0);
        if (words.size() == 2 && (first.equals("warning") || first.equals("no-warning"))) {
            String code = knownCode(words.get(1));
            boolean raised = figures.warnings().contains(code);
            boolean wanted = first.equals("warning");
            if (raised != wanted) {
                throw new LstmshException("expected " + (wanted ? "" : "no ") + "warning " + code + ", but the last warnings were "
                        + (figures.warnings().isEmpty() ? "none" : String.join(", ", figures.warnings())));
            }
            out().printf("ok: %s %s%n", code, wanted ? "raised" : "not raised");
            return;
        }
        if (words.size() != 3) {
            throw new LstmshException("expect takes NAME OP VALUE, warning CODE or no-warning CODE");
        }
        double actual = figures.get(first);
        String op = words.get(1);
        String right = words.get(2);
        double expected = number(right, figures);
        boolean holds = switch (op) {
            case "<" -> actual < expected;
            case "<=" -> actual <= expected;
            case ">" -> actual > expected;
            case ">=" -> actual >= expected;
            default -> throw new LstmshException("unknown comparison '" + op + "'; use <, <=, > or >=");
        };
        String rightText = right.equals(format(expected)) ? right : right + " (" + format(expected) + ")";
        if (!holds) {
            throw new LstmshException("expected " + first + " " + op + " " + rightText + ", but it is " + format(actual));
        }
        out().printf("ok: %s = %s %s %s%n", first, format(actual), op, rightText);
    }

    /**
     * A finding code as {@code FindingCode} names it; anything else is refused, so a misspelt
     * code cannot make {@code expect no-warning} pass.
     */
    private static String knownCode(String code) {
        List<String> codes = FindingCode.names();
        if (codes.contains(code)) {
            return code;
        }
        String lower = code.toLowerCase(Locale.ROOT);
        List<String> lowered = codes.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        Optional<String> meant = lowered.contains(lower) ? Optional.of(lower) : Suggestions.closest(lower, lowered);
        throw new LstmshException("no warning code '" + code + "'"
                + meant.map(m -> "; did you mean " + m.toUpperCase(Locale.ROOT) + "?").orElse("")
                + " (see 'help expect' for the codes)");
    }

    /** Adds to the usage help the figures each command can leave and the warning codes. */
    static void describeFiguresAndCodes(CommandLine expect) {
        UsageMessageSpec usage = expect.getCommandSpec().usageMessage();
        List<String> lines = new ArrayList<>(List.of(usage.description()));
        lines.add("Figures:");
        Map<String, List<String>> byProducer = new LinkedHashMap<>();
        for (String name : Figures.KNOWN) {
            String producer = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            byProducer.computeIfAbsent(producer, k -> new ArrayList<>()).add(name);
        }
        byProducer.values().forEach(names -> wrap(names, lines));
        lines.add("Warning codes:");
        wrap(FindingCode.names(), lines);
        usage.description(lines.toArray(new String[0]));
    }

    /** Indented lines of the names, each within 80 columns. */
    private static void wrap(List<String> names, List<String> lines) {
        StringBuilder line = new StringBuilder(" ");
        for (String name : names) {
            if (line.length() + name.length() > 78) {
                lines.add(line.toString());
                line = new StringBuilder(" ");
            }
            line.append(' ').append(name);
        }
        lines.add(line.toString());
    }

    private static double number(String text, Figures figures) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return figures.get(text);
        }
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format("%.4g", v);
    }
}

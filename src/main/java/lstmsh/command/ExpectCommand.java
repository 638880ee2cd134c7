package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.shell.Figures;
import lstmsh.shell.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(
        name = "expect",
        description = {
            "Check a figure left by an earlier command; the line fails (and so a session file) when it does not hold.",
            "  expect NAME OP VALUE      OP is <, <=, >, >=; VALUE a number or another figure's name",
            "  expect warning CODE       the last command that warned raised CODE",
            "  expect no-warning CODE    it did not",
            "Figures: " + "corpus.tokens, corpus.vocab, corpus.unigram_entropy (bits), model.params, train.steps,"
                    + " train.loss, train.val_loss (nats), train.val_bits, train.tok_per_s, sample.entropy (bits),"
                    + " sample.warnings, ..."
        },
        footer = {"", "Example:", "  expect train.val_bits < corpus.unigram_entropy", "  expect sample.warnings <= 0"})
public final class ExpectCommand extends WorkspaceCommand {

    @Parameters(arity = "2..3", paramLabel = "WORD", description = "NAME OP VALUE, or warning CODE, or no-warning CODE.")
    List<String> words;

    public ExpectCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Figures figures = workspace.figures();
        String first = words.get(0);
        if (words.size() == 2 && (first.equals("warning") || first.equals("no-warning"))) {
            String code = words.get(1);
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

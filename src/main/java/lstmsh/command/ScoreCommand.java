package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.SurprisalColor;
import lstmsh.sample.KnownTokens;
import lstmsh.sample.RepetitionScore;
import lstmsh.sample.SamplingSettings;
import lstmsh.sample.Scorer;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@Command(
        name = "score",
        description = {
            "How surprised the model is by a text, token by token: surprisal in bits (-log2 p), the rank of the true"
                    + " token among the model's predictions (1 = its first choice) and its top three alternatives,"
                    + " then the total loss (nats, as training reports it) and perplexity.",
            "The first token is predicted after a newline, as sampling starts; each later one after the text before it."
                    + " The " + ScoreCommand.HIGHLIGHTED + " most surprising positions are marked with * and highlighted"
                    + " in the text.",
            "With --repetition, how much the model repeats instead (Welleck et al.): reading TEXT, --file or the"
                    + " corpus' validation text (the first --tokens), rep/l is the share of positions whose prediction"
                    + " (the most likely token) is among the previous l tokens, wrep/l those where it is also wrong,"
                    + " for l = 16, 32, 128, beside the text's own rate; then seq-rep-4 (the share of 4-grams that"
                    + " repeat one earlier) of a " + RepetitionScore.SAMPLE_LENGTH + "-token sample at each of"
                    + " --temperatures, beside the text's own over windows of that length."
        },
        footer = {"", "Example:", "  score \"The little lamp was on the table.\"", "  score --file notes.txt --rows 0",
            "  score --repetition --temperatures 0.5,1.0"})
public final class ScoreCommand extends WorkspaceCommand {

    static final int HIGHLIGHTED = 10;
    /** Tokens shown either side of a surprising one when the table is cut. */
    static final int CONTEXT = 20;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT",
            description = "Text to score; \\n and \\t are understood.")
    String text;

    @Option(names = "--file", paramLabel = "PATH", description = "Score a UTF-8 file instead of TEXT.")
    Path file;

    @Option(names = "--rows", paramLabel = "N",
            description = "Show every position when the text has at most N tokens, else only the most surprising"
                    + " (default: ${DEFAULT-VALUE}).")
    int rows = 100;

    @Option(names = "--on-unknown", paramLabel = "skip|stop", completionCandidates = SampleReportView.UnknownPolicyNames.class,
            description = "Tokens not in the vocabulary: skip them with a warning naming them, or stop with an error"
                    + " (default: ${DEFAULT-VALUE}).")
    String onUnknown = SamplingSettings.DEFAULT_ON_UNKNOWN.label();

    @Option(names = "--repetition", description = "Measure repetition: rep/l, wrep/l, seq-rep-4 (see above).")
    boolean repetition;

    @Option(names = "--temperatures", paramLabel = "LIST", split = ",", defaultValue = "0.5,1.0",
            description = "With --repetition: a sample at each, for seq-rep-4 (default: ${DEFAULT-VALUE}).")
    List<Double> temperatures;

    @Option(names = "--tokens", paramLabel = "N",
            description = "With --repetition: tokens of the text measured, from its start (default: ${DEFAULT-VALUE}).")
    int tokens = RepetitionScore.DEFAULT_TOKENS;

    public ScoreCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        if (repetition) {
            repetition(model);
            return;
        }
        String input = Scorer.input(text == null ? null : StringEscapeUtils.unescapeJava(text), file);
        if (rows < 0) {
            throw new LstmshException("--rows must not be negative, got " + rows);
        }
        SamplingSettings.UnknownPolicy policy = SamplingSettings.UnknownPolicy.parse(onUnknown);
        workspace.cancel().reset();
        Scorer.ScoreReport report = Scorer.score(model, input, policy, workspace.cancel());
        Vocabulary vocabulary = model.vocabulary();
        if (!report.skipped().isEmpty()) {
            out().println("warning: skipped tokens not in the vocabulary: " + KnownTokens.names(report.skipped()));
        }
        int[] worst = report.mostSurprising(HIGHLIGHTED);
        Set<Integer> marked = new HashSet<>();
        for (int i : worst) {
            marked.add(i);
        }
        boolean colour = workspace.console().color();
        boolean all = report.size() <= rows;
        List<String> pieces = report.pieces();
        out().printf("%s%6s  %-8s %7s %6s  top %d alternatives%n", "  ", "pos", "token", "bits", "rank",
                Scorer.ALTERNATIVES);
        for (int i = 0; i < report.size(); i++) {
            if (all || marked.contains(i)) {
                printRow(report.at(i), marked.contains(i), vocabulary);
            }
        }
        if (all) {
            out().println("the " + worst.length + " most surprising, highlighted:");
            out().println(highlighted(pieces, 0, pieces.size(), marked, colour, false));
        } else {
            out().printf("  (%d tokens: only the %d most surprising shown; --rows %d shows all)%n", report.size(),
                    worst.length, report.size());
            out().println("the " + worst.length + " most surprising in context:");
            for (int i : worst) {
                int from = Math.max(0, i - CONTEXT);
                int to = Math.min(pieces.size(), i + CONTEXT + 1);
                out().printf("%8d  %s%n", i, highlighted(pieces, from, to, Set.of(i), colour, true));
            }
        }
        out().printf(Locale.ROOT, "%d tokens%s: loss %.4f nats/token (%.3f bits), total %.1f nats, perplexity %.2f%n",
                report.size(), report.cancelled() ? " (stopped by Ctrl-C)" : "", report.meanNats(),
                report.bitsPerToken(), report.totalNats(), report.perplexity());
        Figures f = workspace.figures();
        report.figures().forEach(f::put);
    }

    private void repetition(LstmLanguageModel model) {
        if (tokens < 1) {
            throw new LstmshException("--tokens must be at least 1, got " + tokens);
        }
        for (double t : temperatures) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new LstmshException("--temperatures takes positive numbers, e.g. 0.5,1.0; got " + t);
            }
        }
        String input = text == null && file == null ? null
                : Scorer.input(text == null ? null : StringEscapeUtils.unescapeJava(text), file);
        Corpus corpus = workspace.corpus();
        RepetitionScore.Text measured = RepetitionScore.text(model, corpus, input,
                SamplingSettings.UnknownPolicy.parse(onUnknown), tokens);
        workspace.cancel().reset();
        CorpusStats stats = corpus != null && corpus.vocabulary().equals(model.vocabulary()) ? corpus.stats() : null;
        RepetitionScore.Report report = RepetitionScore.of(model, measured.ids(), temperatures, stats, workspace.cancel());
        new RepetitionView(out()).print(measured, report);
        report.figures().forEach(workspace.figures()::put);
    }

    private void printRow(Scorer.TokenScore s, boolean mark, Vocabulary vocabulary) {
        StringBuilder alternatives = new StringBuilder();
        for (int k = 0; k < s.alternatives().length; k++) {
            if (s.alternatives()[k] >= 0) {
                alternatives.append(String.format(Locale.ROOT, "  %-6s %5.1f%%",
                        show(vocabulary.token(s.alternatives()[k])), 100 * s.probabilities()[k]));
            }
        }
        out().printf(Locale.ROOT, "%s%6d  %-8s %7.2f %6d%s%n", mark ? "* " : "  ", s.position(),
                show(vocabulary.token(s.token())), s.surprisalBits(), s.rank(), alternatives);
    }

    /**
     * Text of pieces [from, to) with the marked ones highlighted (or bracketed without colour);
     * on one line, newlines are shown as \n.
     */
    private static String highlighted(List<String> pieces, int from, int to, Set<Integer> marked, boolean colour,
            boolean oneLine) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            String piece = oneLine ? pieces.get(i).replace("\n", "\\n") : pieces.get(i);
            if (marked.contains(i)) {
                // A highlighted newline would be invisible: show it as \n.
                sb.append(SurprisalColor.highlight(piece.replace("\n", "\\n"), colour));
                if (piece.endsWith("\n")) {
                    sb.append('\n');
                }
            } else {
                sb.append(piece);
            }
        }
        return sb.toString();
    }

    private static String show(String token) {
        return "'" + Vocabulary.display(token).replace("' '", " ") + "'";
    }
}

package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusChecks;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.NgramBaseline;
import lstmsh.corpus.Tokenizers;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.session.Workspace;
import lstmsh.util.Format;
import lstmsh.util.Texts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(
        name = "stats",
        description = {
            "Show what is in the loaded corpus: size, vocabulary, <unk> share, unigram entropy and its share of "
                    + "the maximum for the tokens seen, the longest run of one token, how many lines end the "
                    + "same way (last " + CorpusStats.CHAR_ENDING + " characters, or last " + CorpusStats.WORD_ENDING
                    + " words), and the most frequent tokens.",
            "Warns CORPUS_IMBALANCE when the entropy is below "
                    + (int) (100 * CorpusChecks.MIN_ENTROPY_RATIO) + "%% of the maximum, when the top token is "
                    + "more than " + (int) CorpusChecks.DOMINANCE + "× the second and at least "
                    + (int) (100 * CorpusChecks.DOMINANT_SHARE) + "%% of the corpus, or when more than "
                    + (int) (100 * CorpusChecks.ENDING_SHARE) + "%% of the lines (at least "
                    + CorpusChecks.ENDING_MIN_LINES + ") end the same way; CORPUS_UNK when <unk> is "
                    + "more than " + (int) (100 * CorpusChecks.MAX_UNK_SHARE) + "%% of the tokens.",
            "Also scores the loss a model must beat: an interpolated Kneser-Ney n-gram model counted on the training "
                    + "split (orders up to " + NgramBaseline.CHAR_MAX_ORDER + " characters or " + NgramBaseline.WORD_MAX_ORDER
                    + " words; the best on the validation split is kept), in nats and bits per token like training.",
            "Figures: corpus.top_share, corpus.entropy_ratio, corpus.unk_share, corpus.ending_share, corpus.longest_run, "
                    + "corpus.ngram_loss, corpus.ngram_order."
        },
        footer = {"", "Example:", "  corpus stats --top 20", "  expect warning CORPUS_IMBALANCE"})
public final class CorpusStatsCommand extends WorkspaceCommand {

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many of the most frequent tokens to list (default: ${DEFAULT-VALUE}).")
    int top;

    public CorpusStatsCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Corpus corpus = workspace.requireCorpus();
        if (top < 0) {
            throw new LstmshException("--top must not be negative, got " + top);
        }
        NgramBaseline baseline = corpus.ngramBaseline();
        CorpusCommand.summary(workspace, corpus);
        CorpusStats stats = corpus.stats();
        Vocabulary vocabulary = corpus.vocabulary();
        int bytesPerToken = corpus.tokens().bytesPerToken();
        out().printf("tokens %s (%s per token), vocabulary %d (%d seen), %s %.2f%%%n", Format.count(corpus.size()),
                bytesPerToken + (bytesPerToken == 1 ? " byte" : " bytes"), vocabulary.size(), stats.seen(),
                Vocabulary.UNK, 100 * stats.unkShare());
        out().printf("unigram entropy %.3f bits/token, %.1f%% of the maximum (%.3f bits for %d tokens)%n",
                stats.unigramEntropyBits(), 100 * stats.entropyRatio(), stats.maxEntropyBits(), stats.seen());
        int runToken = stats.longestRunToken();
        if (runToken >= 0) {
            out().printf("longest run of one token: %s, %d times in a row%n", Texts.quote(vocabulary.token(runToken)),
                    stats.longestRun(runToken));
        }
        if (stats.lines() > 0) {
            // Inexact: so many distinct endings that the count is a lower bound.
            out().printf("lines: %s non-empty; %s%.1f%% end in %s, the most common ending of %d %s%n",
                    Format.count(stats.lines()), stats.endingExact() ? "" : "at least ", 100 * stats.endingShare(),
                    Texts.quote(CorpusChecks.ending(stats, vocabulary, corpus.tokenizer())), stats.endingLength(),
                    Tokenizers.baseLevel(corpus.tokenizer().level()).equals("word") ? "tokens" : "characters");
        }
        out().println(baselineLine(baseline));
        out().println("most frequent tokens:");
        out().println("  rank  token     share    count  longest run");
        int rank = 1;
        for (int id : stats.topTokens(top)) {
            out().printf("  %4d  %-8s %6.2f%% %8d  %d%n", rank++, Vocabulary.display(vocabulary.token(id)),
                    100 * stats.share(id), stats.count(id), stats.longestRun(id));
        }
        List<Finding> findings = CorpusChecks.check(corpus);
        CorpusCommand.findings(workspace, findings);
        if (findings.isEmpty()) {
            out().println("no imbalance found");
        }
    }

    static String baselineLine(NgramBaseline b) {
        if (Double.isNaN(b.loss())) {
            return "best n-gram: none (the validation split is empty; corpus load PATH --val-fraction 0.1)";
        }
        String note = b.note();
        return String.format("best n-gram (Kneser-Ney, order %d): %s nats/token (%s bits) on the validation split;"
                        + " unigram %s%s", b.order(), Format.loss(b.loss()), Format.bits(b.loss()),
                Format.loss(b.unigramLoss()), note.isEmpty() ? "" : " (" + note + ")");
    }
}

package lstmsh.inspect;

import lstmsh.finding.FindingCode;

import lstmsh.finding.Finding;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusChecks;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding.Severity;

import java.util.ArrayList;
import java.util.List;

/** The corpus findings of {@code diagnose}: the corpus checks plus constant tails. */
public final class CorpusTailCheck {

    /** A run of one token this long makes every state that reads it alike. */
    public static final int CONSTANT_RUN = 16;

    private CorpusTailCheck() {}

    public static List<Finding> check(Corpus corpus) {
        List<Finding> out = new ArrayList<>();
        for (Finding w : CorpusChecks.check(corpus)) {
            out.add(new Finding(w.code(), w.severity(), w.evidence(), fix(w.code())));
        }
        CorpusStats stats = corpus.stats();
        int token = stats.longestRunToken();
        int run = token < 0 ? 0 : stats.longestRun(token);
        List<String> reasons = new ArrayList<>();
        if (run >= CONSTANT_RUN) {
            reasons.add(String.format("%s repeats %d times in a row", quote(corpus.vocabulary().token(token)), run));
        }
        if (stats.lines() >= CorpusChecks.ENDING_MIN_LINES && stats.endingShare() > CorpusChecks.ENDING_SHARE) {
            reasons.add(String.format("%.1f%% of %d lines end in the same %s", 100 * stats.endingShare(), stats.lines(),
                    quote(CorpusChecks.ending(stats, corpus.vocabulary(), corpus.tokenizer()))));
        }
        if (!reasons.isEmpty()) {
            out.add(Finding.warning(FindingCode.CONSTANT_TAIL,
                    String.join("; ", reasons) + ": after such a stretch every final state looks alike and h_n forgets"
                            + " what came before",
                    "inspect hidden --from-corpus 8 (see the dependence row); trim or vary the tails"));
        }
        return out;
    }

    private static String fix(FindingCode code) {
        return switch (code) {
            case CORPUS_IMBALANCE -> "train --class-weights sqrt-inverse, or balance the corpus (down-sample"
                    + " what dominates); watch 'sample' for DOMINANT_TOKEN";
            case CORPUS_UNK -> "corpus load PATH --max-vocab N with a larger N (or a lower --min-count)";
            default -> "corpus stats";
        };
    }

    private static String quote(String token) {
        return "\"" + Vocabulary.display(token).replace("\"", "\\\"") + "\"";
    }
}

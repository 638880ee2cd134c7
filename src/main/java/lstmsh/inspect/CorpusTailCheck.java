package lstmsh.inspect;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusChecks;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.util.Texts;

import java.util.ArrayList;
import java.util.List;

/** The corpus findings of {@code diagnose}: the corpus checks plus constant tails. */
public final class CorpusTailCheck {

    /** A run of one token this long makes every state that reads it alike. */
    public static final int CONSTANT_RUN = 16;

    private CorpusTailCheck() {}

    public static List<Finding> check(Corpus corpus) {
        List<Finding> out = new ArrayList<>(CorpusChecks.check(corpus));
        CorpusStats stats = corpus.stats();
        int token = stats.longestRunToken();
        int run = token < 0 ? 0 : stats.longestRun(token);
        List<String> reasons = new ArrayList<>();
        if (run >= CONSTANT_RUN) {
            reasons.add(String.format("%s repeats %d times in a row", shown(corpus.vocabulary().token(token)), run));
        }
        if (stats.lines() >= CorpusChecks.ENDING_MIN_LINES && stats.endingShare() > CorpusChecks.ENDING_SHARE) {
            reasons.add(String.format("%.1f%% of %d lines end in the same %s", 100 * stats.endingShare(), stats.lines(),
                    shown(CorpusChecks.ending(stats, corpus.vocabulary(), corpus.tokenizer()))));
        }
        if (!reasons.isEmpty()) {
            out.add(Finding.warning(FindingCode.CONSTANT_TAIL,
                    String.join("; ", reasons) + ": after such a stretch every final state looks alike and h_n forgets"
                            + " what came before",
                    "inspect hidden --from-corpus " + CorpusWindows.COUNT
                            + " (see the dependence row); trim or vary the tails"));
        }
        return out;
    }

    private static String shown(String text) {
        return Texts.quote(Vocabulary.display(text));
    }
}

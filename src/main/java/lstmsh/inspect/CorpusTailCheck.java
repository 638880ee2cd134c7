package lstmsh.inspect;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusChecks;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Tokens;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.util.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The corpus findings of {@code diagnose}: the corpus checks plus constant tails. What matters is
 * where final states are read: at the ends of lines (each line is a sequence in line mode). So
 * {@code CONSTANT_TAIL} is a warning when more than {@link CorpusChecks#ENDING_SHARE} of the lines
 * (at least {@link CorpusChecks#ENDING_MIN_LINES}) end alike, with the share and the whole stretch
 * they share; a long run of one token inside the text (a rule of '=' between sections) is only info.
 */
public final class CorpusTailCheck {

    /** A run of one token this long makes every state that reads it alike. */
    public static final int CONSTANT_RUN = 16;
    /** The longest shared tail measured, in tokens. */
    static final int MAX_TAIL = 256;

    private CorpusTailCheck() {}

    public static List<Finding> check(Corpus corpus) {
        List<Finding> out = new ArrayList<>(CorpusChecks.check(corpus));
        CorpusStats stats = corpus.stats();
        // The dependence row of inspect hidden shows how far back h_n still reaches past the tail.
        String fix = "inspect hidden --from-corpus " + CorpusWindows.COUNT;
        if (stats.lines() >= CorpusChecks.ENDING_MIN_LINES && stats.endingShare() > CorpusChecks.ENDING_SHARE) {
            int[] tail = sharedTail(corpus.tokens(), stats.newlineId(), stats.commonEnding(), stats.endingLength());
            out.add(Finding.warning(FindingCode.CONSTANT_TAIL, String.format(Locale.ROOT,
                            "%.1f%% of the %,d lines end in the same %d-token stretch %s: after it every final state"
                                    + " looks alike and h_n forgets what came before", 100 * stats.endingShare(),
                            stats.lines(), tail.length, stretch(corpus, tail)),
                    fix));
            return out;
        }
        int token = stats.longestRunToken();
        int run = token < 0 ? 0 : stats.longestRun(token);
        if (run >= CONSTANT_RUN) {
            out.add(Finding.info(FindingCode.CONSTANT_TAIL, String.format(Locale.ROOT,
                            "%s repeats %d times in a row inside the text, not where sequences end (%s):"
                                    + " only a state read right after such a run forgets what came before it",
                            shown(corpus.vocabulary().token(token)), run, stats.lines() < CorpusChecks.ENDING_MIN_LINES
                                    ? String.format(Locale.ROOT, "%d line%s, too few to share an ending", stats.lines(),
                                            stats.lines() == 1 ? "" : "s")
                                    : String.format(Locale.ROOT, "%.1f%% of the %,d lines end alike", 100 * stats.endingShare(),
                                            stats.lines())),
                    fix));
        }
        return out;
    }

    /**
     * The tokens that every line ending in {@code ending} ends with, at most {@link #MAX_TAIL}: the
     * common ending itself and as much before it as those lines all share.
     */
    static int[] sharedTail(Tokens tokens, int newline, int[] ending, int endingLength) {
        int[] reference = null;
        int shared = 0;
        int lineStart = 0;
        for (int i = 0, n = tokens.size(); i <= n; i++) {
            if (i < n && tokens.get(i) != newline) {
                continue;
            }
            int length = i - lineStart;
            if (length > 0 && endsWith(tokens, i, length, ending, endingLength)) {
                if (reference == null) {
                    shared = Math.min(length, MAX_TAIL);
                    reference = new int[shared];
                    for (int k = 0; k < shared; k++) {
                        reference[k] = tokens.get(i - shared + k);
                    }
                } else {
                    int same = 0;
                    while (same < Math.min(shared, length)
                            && tokens.get(i - 1 - same) == reference[reference.length - 1 - same]) {
                        same++;
                    }
                    shared = same;
                }
            }
            lineStart = i + 1;
        }
        int[] tail = new int[shared];
        if (reference != null) {
            System.arraycopy(reference, reference.length - shared, tail, 0, shared);
        }
        return tail;
    }

    /** Whether the line ending before {@code end} has {@code ending} as its ending (shorter lines: as the whole line). */
    private static boolean endsWith(Tokens tokens, int end, int length, int[] ending, int endingLength) {
        if (length < ending.length || (ending.length < endingLength && length != ending.length)) {
            return false;
        }
        for (int k = 0; k < ending.length; k++) {
            if (tokens.get(end - ending.length + k) != ending[k]) {
                return false;
            }
        }
        return true;
    }

    /** A run of one token as "'.' × 40", anything else as its text. */
    private static String stretch(Corpus corpus, int[] tail) {
        boolean run = tail.length > 1;
        for (int t : tail) {
            run &= t == tail[0];
        }
        if (run) {
            return shown(corpus.vocabulary().token(tail[0])) + " × " + tail.length;
        }
        return Texts.quote(Texts.abbreviate(Vocabulary.display(
                corpus.tokenizer().text(corpus.vocabulary(), tail, 0, tail.length)), 60));
    }

    private static String shown(String text) {
        return Texts.quote(Vocabulary.display(text));
    }
}

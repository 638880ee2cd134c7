package lstmsh.sample;

import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.util.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the two shapes of degenerate output: one token repeated back to back far beyond what
 * the corpus ever does, and a short sequence of tokens repeating back to back.
 */
public final class RepetitionDetector {

    /** A run must be this many times the corpus' longest run of the token to be flagged. */
    public static final int RUN_FACTOR = 2;
    /** Runs shorter than this are never flagged, whatever the corpus does. */
    public static final int MIN_RUN = 5;
    /** Longest loop unit looked for, in tokens: a few lines of characters, as greedy decoding loops on. */
    public static final int MAX_PERIOD = 256;
    /** A loop must repeat its unit at least this many times in a row. */
    public static final int MIN_REPEATS = 3;
    /** A loop must cover at least this many tokens. */
    public static final int MIN_LOOP_TOKENS = 12;

    /**
     * The fix of both warnings: {@code inspect loop} replays the last sample and tells a decoding
     * too greedy (raise the temperature) from a loop the model keeps at every temperature (train).
     */
    public static final String LOOP_FIX = "inspect loop";

    private RepetitionDetector() {}

    /** @param tokenizer joins a loop's unit into the text it reads as (words with their spaces) */
    public static List<Finding> check(int[] tokens, Vocabulary vocabulary, Tokenizer tokenizer, CorpusStats corpus) {
        List<Finding> out = new ArrayList<>();
        repeatRun(tokens, vocabulary, corpus, out);
        loop(tokens, vocabulary, tokenizer, out);
        return out;
    }

    private static void repeatRun(
            int[] tokens, Vocabulary vocabulary, CorpusStats corpus, List<Finding> out) {
        int bestToken = -1;
        int bestRun = 0;
        int bestLimit = 0;
        int run = 0;
        for (int i = 0; i < tokens.length; i++) {
            run = i > 0 && tokens[i] == tokens[i - 1] ? run + 1 : 1;
            int limit = runLimit(tokens[i], corpus);
            if (run > limit && run - limit > bestRun - bestLimit) {
                bestToken = tokens[i];
                bestRun = run;
                bestLimit = limit;
            }
        }
        if (bestToken >= 0) {
            String seen =
                    corpus == null
                            ? "no corpus loaded to compare"
                            : "corpus' longest run is " + corpus.longestRun(bestToken);
            out.add(Finding.warning(
                    FindingCode.REPEAT_RUN,
                    "token " + Texts.quote(vocabulary.token(bestToken)) + " repeated " + bestRun
                            + " times in a row (" + seen + ")",
                    LOOP_FIX));
        }
    }

    private static int runLimit(int token, CorpusStats corpus) {
        int corpusRun = corpus == null || token >= corpus.vocabularySize() ? 0 : corpus.longestRun(token);
        return Math.max(MIN_RUN - 1, RUN_FACTOR * corpusRun);
    }

    /** A stretch where a unit of {@code period} tokens repeats back to back, from {@code start} over {@code length} tokens. */
    public record Loop(int period, int start, int length) {

        public int end() {
            return start + length;
        }

        public double repeats() {
            return (double) length / period;
        }
    }

    /** The longest loop of 2-{@link #MAX_PERIOD} tokens that LOOP is raised for, or null. */
    public static Loop findLoop(int[] tokens) {
        int bestPeriod = 0;
        int bestLength = 0;
        int bestEnd = 0;
        for (int p = 2; p <= MAX_PERIOD; p++) {
            int match = 0;
            for (int i = p; i < tokens.length; i++) {
                match = tokens[i] == tokens[i - p] ? match + 1 : 0;
                int covered = match + p;
                if (covered >= MIN_REPEATS * p && covered >= MIN_LOOP_TOKENS && covered > bestLength
                        && !isSingleTokenRun(tokens, i - covered + 1, p)) {
                    bestPeriod = p;
                    bestLength = covered;
                    bestEnd = i + 1;
                }
            }
        }
        return bestPeriod == 0 ? null : new Loop(bestPeriod, bestEnd - bestLength, bestLength);
    }

    /** The longest run of one token back to back, as a loop of period 1 (the first of equal runs); null when empty. */
    public static Loop longestRun(int[] tokens) {
        Loop best = null;
        int run = 0;
        for (int i = 0; i < tokens.length; i++) {
            run = i > 0 && tokens[i] == tokens[i - 1] ? run + 1 : 1;
            if (best == null || run > best.length()) {
                best = new Loop(1, i - run + 1, run);
            }
        }
        return best;
    }

    private static void loop(int[] tokens, Vocabulary vocabulary, Tokenizer tokenizer, List<Finding> out) {
        Loop loop = findLoop(tokens);
        if (loop != null) {
            // The unit as it first appears, where the loop starts.
            String unit = tokenizer.text(vocabulary, tokens, loop.start(), loop.start() + loop.period());
            out.add(Finding.warning(
                    FindingCode.LOOP,
                    "a " + loop.period() + "-token sequence " + Texts.quoteShort(unit, 60) + " repeats "
                            + String.format("%.1f", loop.repeats())
                            + " times back to back (" + loop.length() + " tokens)",
                    LOOP_FIX));
        }
    }

    /** A run of one token also matches every period; that case belongs to REPEAT_RUN. */
    private static boolean isSingleTokenRun(int[] tokens, int from, int period) {
        for (int i = from + 1; i < from + period; i++) {
            if (tokens[i] != tokens[from]) {
                return false;
            }
        }
        return true;
    }

}

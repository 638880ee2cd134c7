package lstmsh.corpus;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.util.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The corpus checks that {@code corpus load}, {@code corpus stats} and {@code diagnose} run. Every threshold
 * is relative: to the maximum entropy for the vocabulary, to the next most frequent token, or to
 * the number of lines, so the same rules hold at character and at word level.
 *
 * <p>{@code CORPUS_IMBALANCE} when any of:
 * <ul>
 *   <li>the unigram entropy is below {@link #MIN_ENTROPY_RATIO} of the maximum for the tokens seen;
 *   <li>the most frequent token is more than {@link #DOMINANCE} times as frequent as the second
 *       and makes at least {@link #DOMINANT_SHARE} of the corpus;
 *   <li>more than {@link #ENDING_SHARE} of the non-empty lines end the same way (the last
 *       {@link CorpusStats#CHAR_ENDING} characters or {@link CorpusStats#WORD_ENDING} words), with
 *       at least {@link #ENDING_MIN_LINES} lines.
 * </ul>
 * {@code CORPUS_UNK} when {@code <unk>} makes more than {@link #MAX_UNK_SHARE} of the tokens.
 * {@code CORPUS_INVALID_TEXT}, from a load, when bytes that were not text in the encoding were replaced.
 */
public final class CorpusChecks {

    public static final double MIN_ENTROPY_RATIO = 0.35;
    public static final double DOMINANCE = 3.0;
    public static final double DOMINANT_SHARE = 0.2;
    public static final double ENDING_SHARE = 0.5;
    public static final int ENDING_MIN_LINES = 20;
    public static final double MAX_UNK_SHARE = 0.05;

    private CorpusChecks() {}

    public static List<Finding> check(Corpus corpus) {
        return check(corpus.stats(), corpus.vocabulary(), corpus.tokenizer());
    }

    public static List<Finding> check(CorpusStats stats, Vocabulary vocabulary, Tokenizer tokenizer) {
        List<Finding> out = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        double ratio = stats.entropyRatio();
        if (stats.total() > 0 && ratio < MIN_ENTROPY_RATIO) {
            reasons.add(String.format("the unigram entropy is %.0f%% of the maximum for its %d tokens (below %.0f%%)",
                    100 * ratio, stats.seen(), 100 * MIN_ENTROPY_RATIO));
        }
        List<Integer> top = stats.topTokens(2);
        if (top.size() == 2) {
            double first = stats.share(top.get(0));
            double second = stats.share(top.get(1));
            if (first >= DOMINANT_SHARE && first > DOMINANCE * second) {
                reasons.add(String.format("%s makes %.1f%% of the tokens, %.1f× the next (%s)",
                        Texts.quote(vocabulary.token(top.get(0))), 100 * first, first / second,
                        Texts.quote(vocabulary.token(top.get(1)))));
            }
        }
        if (stats.lines() >= ENDING_MIN_LINES && stats.endingShare() > ENDING_SHARE) {
            reasons.add(String.format("%.1f%% of the %,d lines end in %s", 100 * stats.endingShare(), stats.lines(),
                    Texts.quote(ending(stats, vocabulary, tokenizer))));
        }
        if (!reasons.isEmpty()) {
            out.add(Finding.warning(FindingCode.CORPUS_IMBALANCE, String.join("; ", reasons)
                            + ": a model can reach a low loss by always producing the dominant pattern",
                    "train --class-weights sqrt-inverse, or balance the corpus (down-sample what dominates); "
                            + "watch 'sample' for DOMINANT_TOKEN"));
        }
        if (stats.unkShare() > MAX_UNK_SHARE) {
            out.add(Finding.warning(FindingCode.CORPUS_UNK, String.format(
                            "%s stands for %.1f%% of the tokens (above %.0f%%): the model will learn to say %s",
                            Vocabulary.UNK, 100 * stats.unkShare(), 100 * MAX_UNK_SHARE, Vocabulary.UNK),
                    "corpus load PATH --max-vocab N with a larger N (or a lower --min-count)"));
        }
        return out;
    }

    /** {@code CORPUS_INVALID_TEXT} when a load replaced bytes that were not text in {@code encoding}. */
    public static Optional<Finding> invalidText(LoadReport report, String encoding) {
        long n = report.invalidBytes();
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.warning(FindingCode.CORPUS_INVALID_TEXT,
                String.format("%,d invalid %s byte%s replaced by U+FFFD, the first at %s", n, encoding, n > 1 ? "s" : "",
                        report.firstInvalid()),
                "corpus load PATH --encoding NAME (e.g. windows-1252), if the text is in another encoding"));
    }

    /** The most common line ending as text. */
    public static String ending(CorpusStats stats, Vocabulary vocabulary, Tokenizer tokenizer) {
        int[] ending = stats.commonEnding();
        return tokenizer.text(vocabulary, ending, 0, ending.length);
    }
}

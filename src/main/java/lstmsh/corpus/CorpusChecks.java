package lstmsh.corpus;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The corpus checks that {@code corpus stats} (and later {@code diagnose}) run. Every threshold
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
                    100 * ratio, used(stats), 100 * MIN_ENTROPY_RATIO));
        }
        List<Integer> top = stats.topTokens(2);
        if (top.size() == 2) {
            double first = stats.share(top.get(0));
            double second = stats.share(top.get(1));
            if (first >= DOMINANT_SHARE && first > DOMINANCE * second) {
                reasons.add(String.format("%s makes %.1f%% of the tokens, %.1f× the next (%s)",
                        quote(vocabulary.token(top.get(0))), 100 * first, first / second,
                        quote(vocabulary.token(top.get(1)))));
            }
        }
        if (stats.lines() >= ENDING_MIN_LINES && stats.endingShare() > ENDING_SHARE) {
            reasons.add(String.format("%.1f%% of the %,d lines end in %s", 100 * stats.endingShare(), stats.lines(),
                    quote(ending(stats, vocabulary, tokenizer))));
        }
        if (!reasons.isEmpty()) {
            out.add(Finding.warning(FindingCode.CORPUS_IMBALANCE, String.join("; ", reasons),
                    "a model can reach a low loss by always producing the dominant pattern; balance the corpus "
                            + "(down-sample what dominates, add varied text) and watch samples for REPEAT_RUN and LOOP"));
        }
        if (stats.unkShare() > MAX_UNK_SHARE) {
            out.add(Finding.warning(FindingCode.CORPUS_UNK, String.format("%s stands for %.1f%% of the tokens (above %.0f%%)",
                    Vocabulary.UNK, 100 * stats.unkShare(), 100 * MAX_UNK_SHARE),
                    "raise --max-vocab or lower --min-count, or the model will learn to say " + Vocabulary.UNK));
        }
        return out;
    }

    /** The most common line ending as text. */
    public static String ending(CorpusStats stats, Vocabulary vocabulary, Tokenizer tokenizer) {
        List<String> tokens = new ArrayList<>();
        for (int id : stats.commonEnding()) {
            tokens.add(vocabulary.token(id));
        }
        return tokenizer.join(tokens);
    }

    private static int used(CorpusStats stats) {
        int used = 0;
        for (int i = 0; i < stats.vocabularySize(); i++) {
            if (stats.count(i) > 0) {
                used++;
            }
        }
        return used;
    }

    private static String quote(String token) {
        return "\"" + token.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}

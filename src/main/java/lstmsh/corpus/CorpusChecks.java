package lstmsh.corpus;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.util.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *       and makes at least {@link #DOMINANT_SHARE} of the corpus, layout (whitespace tokens) aside;
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
    /** At most this many layout tokens are passed over to find the top two of the rest. */
    static final int LAYOUT_SKIPPED = 16;

    private CorpusChecks() {}

    public static List<Finding> check(Corpus corpus) {
        CorpusStats stats = corpus.stats();
        Vocabulary vocabulary = corpus.vocabulary();
        Tokenizer tokenizer = corpus.tokenizer();
        List<Finding> out = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        double ratio = stats.entropyRatio();
        if (stats.total() > 0 && ratio < MIN_ENTROPY_RATIO) {
            reasons.add(String.format("the unigram entropy is %.0f%% of the maximum for its %d tokens (below %.0f%%)",
                    100 * ratio, stats.seen(), 100 * MIN_ENTROPY_RATIO));
        }
        // Layout (spaces, newlines, indentation) is as frequent as the format makes it: in source code at
        // word level spaces are a third of the tokens without the text being lopsided.
        List<Integer> top = stats.topTokens(LAYOUT_SKIPPED + 2).stream()
                .filter(t -> !vocabulary.token(t).isBlank()).limit(2).toList();
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
                    "train --class-weights sqrt-inverse"));
        }
        if (stats.unkShare() > MAX_UNK_SHARE) {
            out.add(Finding.warning(FindingCode.CORPUS_UNK, String.format(
                            "%s stands for %.1f%% of the tokens (above %.0f%%): the model will learn to say %s",
                            Vocabulary.UNK, 100 * stats.unkShare(), 100 * MAX_UNK_SHARE, Vocabulary.UNK),
                    corpus.settings().maxVocab() == 0 && corpus.settings().minCount() > 1
                            ? loadLine(corpus, "--min-count", Integer.toString(corpus.settings().minCount() / 2))
                            : loadLine(corpus, "--max-vocab", Integer.toString(2 * vocabulary.size()))));
        }
        return out;
    }

    /** {@code CORPUS_INVALID_TEXT} when a load replaced bytes that were not text in {@code encoding}. */
    public static Optional<Finding> invalidText(LoadReport report, Corpus corpus) {
        String encoding = corpus.settings().encoding();
        long n = report.invalidBytes();
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(Finding.warning(FindingCode.CORPUS_INVALID_TEXT,
                String.format("%,d invalid %s byte%s replaced by U+FFFD, the first at %s", n, encoding, n > 1 ? "s" : "",
                        report.firstInvalid()),
                loadLine(corpus, "--encoding", "windows-1252".equalsIgnoreCase(encoding) ? "UTF-8" : "windows-1252")));
    }

    /** The {@code corpus load} line that reloads this corpus as it was loaded, with one option set. */
    static String loadLine(Corpus corpus, String option, String value) {
        CorpusSettings s = corpus.settings();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--level", s.level());
        if (s.lowercase()) {
            options.put("--lowercase", "");
        }
        if (s.maxVocab() != CorpusSettings.DEFAULT_MAX_VOCAB) {
            options.put("--max-vocab", Integer.toString(s.maxVocab()));
        }
        if (s.minCount() != CorpusSettings.DEFAULT_MIN_COUNT) {
            options.put("--min-count", Integer.toString(s.minCount()));
        }
        if (s.valFraction() != CorpusSettings.DEFAULT_VAL_FRACTION) {
            options.put("--val-fraction", Double.toString(s.valFraction()));
        }
        if (!s.encoding().equalsIgnoreCase(CorpusSettings.DEFAULT_ENCODING)) {
            options.put("--encoding", s.encoding());
        }
        if (s.split() != CorpusSettings.DEFAULT_SPLIT) {
            options.put("--split", s.split().toString());
        }
        options.put(option, value);
        String source = corpus.source();
        StringBuilder line = new StringBuilder("corpus load ").append(source.contains(" ") ? "\"" + source + "\"" : source);
        options.forEach((o, v) -> line.append(' ').append(o).append(v.isEmpty() ? "" : " " + v));
        return line.toString();
    }

    /** The most common line ending as text. */
    public static String ending(CorpusStats stats, Vocabulary vocabulary, Tokenizer tokenizer) {
        int[] ending = stats.commonEnding();
        return tokenizer.text(vocabulary, ending, 0, ending.length);
    }
}

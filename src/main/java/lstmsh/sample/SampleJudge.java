package lstmsh.sample;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.Texts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures a sample and names what is wrong with it. Every threshold is a multiple of a
 * statistic of the corpus the model learned (its token shares, longest runs, unigram entropy,
 * and how much its own text repeats), so a corpus that is repetitive by nature does not make a
 * healthy model look broken.
 */
public final class SampleJudge {

    /** DOMINANT_TOKEN: the token's output share is at least this many times its corpus share... */
    public static final int DOMINANT_FACTOR = 3;
    /** ...and it occurs at least this many times in the sample... */
    public static final int DOMINANT_MIN_COUNT = 10;
    /**
     * ...and above this quantile of its share in the corpus' own stretches of the sample's length:
     * a sample that copies a separator line is as full of '=' as the corpus is there.
     */
    public static final double DOMINANT_WINDOW_QUANTILE = 0.99;
    /** ...counting the token's longest run once, unless that run covers at least this share of the sample. */
    public static final double DOMINANT_RUN_SHARE = 0.9;
    // ...and its share exceeds the largest share any token has in the corpus.

    /** LOW_ENTROPY: the model's mean entropy (temperature 1) is under this percentage of the corpus' unigram entropy. */
    public static final int LOW_ENTROPY_PERCENT = 10;

    /**
     * NOISE: the model's entropy (temperature 1) is at least the corpus' unigram entropy, the sample is less
     * likely under the corpus' token frequencies than the corpus itself, it is this long...
     */
    public static final int NOISE_MIN_TOKENS = 20;
    /** ...and the corpus' unigram entropy is under this share of its maximum (else the corpus is noise itself). */
    public static final double NOISE_MAX_RATIO = 0.95;

    /** MEMORIZED: the longest copied span is more than this many times what the corpus' own text shares with itself... */
    public static final int MEMORIZED_FACTOR = 2;
    /** ...and at least this many n-grams long (32 characters, 16 words). */
    public static final int MEMORIZED_MIN_NGRAMS = 4;

    private final Vocabulary vocabulary;
    private final Tokenizer tokenizer;
    private final CorpusStats stats;
    private final CorpusIndex index;
    private final int ngram;

    private SampleJudge(Vocabulary vocabulary, Tokenizer tokenizer, CorpusStats stats, CorpusIndex index) {
        this.vocabulary = vocabulary;
        this.tokenizer = tokenizer;
        this.stats = stats;
        this.index = index;
        this.ngram = index != null ? index.ngram() : CorpusIndex.ngramFor(tokenizer.level());
    }

    /**
     * A judge comparing with {@code corpus} when it is the model's (same vocabulary); without a
     * corpus only the structural checks (runs, loops) are made.
     */
    public static SampleJudge of(LstmLanguageModel model, Corpus corpus) {
        return of(model.vocabulary(), model.tokenizer(), corpus);
    }

    /** As {@link #of(LstmLanguageModel, Corpus)} for a model of this vocabulary and tokenizer. */
    public static SampleJudge of(Vocabulary vocabulary, Tokenizer tokenizer, Corpus corpus) {
        if (corpus == null || !corpus.vocabulary().equals(vocabulary)) {
            return new SampleJudge(vocabulary, tokenizer, null, null);
        }
        return new SampleJudge(vocabulary, tokenizer, corpus.stats(), CorpusIndex.of(corpus));
    }

    /** A judge with the corpus' statistics but no index: no copy measures, no MEMORIZED, DOMINANT_TOKEN from shares alone. */
    public static SampleJudge withStats(Vocabulary vocabulary, Tokenizer tokenizer, CorpusStats stats) {
        return new SampleJudge(vocabulary, tokenizer, stats, null);
    }

    public boolean hasCorpus() {
        return stats != null;
    }

    public boolean hasIndex() {
        return index != null;
    }

    public int ngram() {
        return ngram;
    }

    /**
     * @param entropyBits entropy at the sampling temperature, per generated token
     * @param modelEntropyBits entropy at temperature 1, per generated token
     * @param surprisalBits surprisal of each generated token at temperature 1
     */
    public SampleMetrics measure(int[] tokens, double[] entropyBits, double[] modelEntropyBits, double[] surprisalBits) {
        int m = tokens.length;
        double copied = Double.NaN;
        int longest = 0;
        String longestText = "";
        if (index != null) {
            copied = index.copiedShare(tokens);
            CorpusIndex.Span span = index.longestCopied(tokens);
            longest = span.length();
            longestText = tokenizer.text(vocabulary, tokens, span.sampleStart(), span.sampleStart() + span.length());
        }
        return new SampleMetrics(m, mean(entropyBits, m), min(entropyBits, m), mean(modelEntropyBits, m),
                Math.pow(2, mean(surprisalBits, m)), distinct(tokens, 1), distinct(tokens, 2), distinct(tokens, 3),
                ngram, copied, longest, longestText);
    }

    public List<Finding> warnings(int[] tokens, SampleMetrics metrics) {
        List<Finding> out = new ArrayList<>(RepetitionDetector.check(tokens, vocabulary, tokenizer, stats));
        if (stats != null) {
            dominantToken(tokens, out);
            lowEntropy(metrics, out);
            noise(tokens, metrics, out);
        }
        if (index != null) {
            memorized(tokens.length, metrics, out);
        }
        return out;
    }

    private void dominantToken(int[] tokens, List<Finding> out) {
        if (tokens.length == 0) {
            return;
        }
        // A token's longest run counts once: a single run inside varied text is REPEAT_RUN's finding, not a
        // token the model falls back on; a run over nearly the whole sample is both.
        int[] counts = new int[vocabulary.size()];
        int[] longestRun = new int[vocabulary.size()];
        for (int i = 0, run = 0; i < tokens.length; i++) {
            counts[tokens[i]]++;
            run = i > 0 && tokens[i] == tokens[i - 1] ? run + 1 : 1;
            longestRun[tokens[i]] = Math.max(longestRun[tokens[i]], run);
        }
        int[] total = new int[vocabulary.size()];
        for (int t = 0; t < counts.length; t++) {
            total[t] = tokens.length;
            if (longestRun[t] > 1 && longestRun[t] < DOMINANT_RUN_SHARE * tokens.length) {
                counts[t] -= longestRun[t] - 1;
                total[t] -= longestRun[t] - 1;
            }
        }
        double topCorpusShare = 0;
        for (int t = 0; t < stats.vocabularySize(); t++) {
            topCorpusShare = Math.max(topCorpusShare, stats.share(t));
        }
        int worst = -1;
        double worstRatio = 0;
        for (int t = 0; t < counts.length; t++) {
            double share = (double) counts[t] / total[t];
            double corpusShare = t < stats.vocabularySize() ? stats.share(t) : 0;
            double ratio = corpusShare > 0 ? share / corpusShare : Double.POSITIVE_INFINITY;
            if (counts[t] >= DOMINANT_MIN_COUNT && ratio >= DOMINANT_FACTOR && share > topCorpusShare
                    && (worst < 0 || ratio > worstRatio)
                    && (index == null || share > index.windowShare(t, total[t], DOMINANT_WINDOW_QUANTILE))) {
                worst = t;
                worstRatio = ratio;
            }
        }
        if (worst >= 0) {
            double share = (double) counts[worst] / total[worst];
            String windows = index == null ? "" : String.format(Locale.ROOT, "; the corpus' own %d-token stretches"
                    + " reach %.1f%% at most in %.0f%% of them", total[worst],
                    100 * index.windowShare(worst, total[worst], DOMINANT_WINDOW_QUANTILE), 100 * DOMINANT_WINDOW_QUANTILE);
            String runNote = longestRun[worst] > 1 ? ", its longest run of " + longestRun[worst] + " counted once" : "";
            out.add(Finding.warning(
                    FindingCode.DOMINANT_TOKEN,
                    String.format(Locale.ROOT,
                            "token %s is %.1f%% of the sample (%d of %d" + runNote + ") against %.2f%% of the corpus,"
                                    + " %.1f× its share (limit: %d× and above the corpus' largest share, %.1f%%)",
                            Texts.quote(vocabulary.token(worst)), 100 * share, counts[worst], total[worst],
                            100 * stats.share(worst), worstRatio, DOMINANT_FACTOR, 100 * topCorpusShare)
                            + windows + ": the model falls back on one frequent token (a higher --temperature would only hide it)",
                    "train --class-weights sqrt-inverse"));
        }
    }

    private void lowEntropy(SampleMetrics metrics, List<Finding> out) {
        double floor = LOW_ENTROPY_PERCENT / 100.0 * stats.unigramEntropyBits();
        if (metrics.tokens() > 0 && metrics.modelEntropyBits() < floor) {
            out.add(Finding.warning(
                    FindingCode.LOW_ENTROPY,
                    String.format(Locale.ROOT,
                            "the model's own distribution (temperature 1) averages %.3f bits/token of entropy,"
                                    + " under %.0f%% of the corpus' unigram entropy (%.3f → %.3f bits)",
                            metrics.modelEntropyBits(), (double) LOW_ENTROPY_PERCENT, stats.unigramEntropyBits(), floor)
                            + ": the model is near-deterministic where the corpus is not, collapsed onto a few continuations",
                    "train --label-smoothing 0.1"));
        }
    }

    private void noise(int[] tokens, SampleMetrics metrics, List<Finding> out) {
        double unigram = stats.unigramEntropyBits();
        if (tokens.length < NOISE_MIN_TOKENS || stats.entropyRatio() >= NOISE_MAX_RATIO
                || !(metrics.modelEntropyBits() >= unigram)) {
            return;
        }
        double sampleBits = unigramBits(tokens);
        if (sampleBits <= unigram) {
            return;
        }
        out.add(Finding.warning(
                FindingCode.NOISE,
                String.format(Locale.ROOT,
                        "the model's own distribution (temperature 1) averages %.3f bits/token of entropy, no less than the"
                                + " corpus' unigram entropy (%.3f bits; uniform over its %d tokens: %.3f), and the sample"
                                + " scores %.3f bits/token (perplexity %.1f) under the corpus' token frequencies against"
                                + " %.3f (%.1f) for the corpus itself: the tokens are no better than drawn at random or by frequency alone;"
                                + " the model has not learned even how often each token occurs (undertrained, weights"
                                + " initialised too small, or a learning rate far too low or too high)",
                        metrics.modelEntropyBits(), unigram, stats.seen(), stats.maxEntropyBits(), sampleBits,
                        Math.pow(2, sampleBits), unigram, Math.pow(2, unigram)),
                "train --steps 500"));
    }

    /** Mean bits per token of the sample under the corpus' token frequencies (add-one, so none is impossible). */
    private double unigramBits(int[] tokens) {
        double sum = 0;
        double denominator = stats.total() + stats.vocabularySize();
        for (int t : tokens) {
            long count = t < stats.vocabularySize() ? stats.count(t) : 0;
            sum -= Math.log((count + 1) / denominator);
        }
        return sum / tokens.length / Math.log(2);
    }

    private void memorized(int sampleLength, SampleMetrics metrics, List<Finding> out) {
        int longest = metrics.longestCopied();
        if (longest < MEMORIZED_MIN_NGRAMS * ngram) {
            return;
        }
        int baseline = index.selfCopiedBaseline(sampleLength);
        if (longest > (long) MEMORIZED_FACTOR * baseline) {
            String unit = "char".equals(tokenizer.level()) ? "characters" : "tokens";
            out.add(Finding.warning(
                    FindingCode.MEMORIZED,
                    String.format(Locale.ROOT,
                            "%d %s copied verbatim from the training text (%s), over %d× the %d that the"
                                    + " corpus' own %d-token windows share with the rest of it",
                            longest, unit, Texts.quoteShort(metrics.longestCopiedText(), 60), MEMORIZED_FACTOR,
                            baseline, sampleLength)
                            + ": the model recites its training text",
                    "train --patience 3"));
        }
    }

    /** Distinct n-grams over n-grams; NaN when the sample is shorter than n. */
    static double distinct(int[] tokens, int n) {
        int grams = tokens.length - n + 1;
        if (grams <= 0) {
            return Double.NaN;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < grams; i++) {
            long key = 0;
            for (int k = 0; k < n; k++) {
                key = key * 0x200000L + tokens[i + k]; // 21 bits a token: exact for vocabularies < 2M
            }
            seen.add(key);
        }
        return (double) seen.size() / grams;
    }

    private static double mean(double[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum / count;
    }

    private static double min(double[] values, int count) {
        double min = Double.NaN;
        for (int i = 0; i < count; i++) {
            min = Double.isNaN(min) ? values[i] : Math.min(min, values[i]);
        }
        return min;
    }

}

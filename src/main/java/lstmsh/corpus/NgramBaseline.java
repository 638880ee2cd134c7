package lstmsh.corpus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model of counts alone scores on the validation split: the loss an LSTM has to beat.
 * An interpolated Kneser-Ney n-gram model (see {@link KneserNey}) counted on the training split,
 * each order from 1 up to {@link #CHAR_MAX_ORDER} characters or {@link #WORD_MAX_ORDER} words
 * scored on every validation token, and the best order kept. Losses are nats per token, the
 * units of training. Huge corpora are counted on their first {@link #MAX_COUNTED_TOKENS} training
 * tokens, scored on their first {@link #MAX_SCORED_TOKENS} validation tokens, and stop adding
 * orders once the tables hold {@link #MAX_NGRAMS} n-grams; {@link #note()} says which applied.
 *
 * @param order the order that scored best on the validation split
 * @param loss its validation loss, nats per token
 * @param unigramLoss the order-1 model's validation loss
 * @param lossByOrder the validation loss of orders 1, 2, ...
 * @param countedTokens training tokens counted
 * @param scoredTokens validation tokens scored
 */
public record NgramBaseline(int order, double loss, double unigramLoss, double[] lossByOrder, long countedTokens,
        boolean countsCapped, long scoredTokens, boolean scoringCapped, boolean ordersCapped) {

    public static final int CHAR_MAX_ORDER = 8;
    public static final int WORD_MAX_ORDER = 4;
    public static final int MAX_COUNTED_TOKENS = 10_000_000;
    public static final int MAX_SCORED_TOKENS = 2_000_000;
    public static final long MAX_NGRAMS = 6_000_000;

    static final double MIN_DISCOUNT = 0.05;
    static final double MAX_DISCOUNT = 0.95;
    /** For counts with no n-gram seen once or twice, where n1 / (n1 + 2 n2) is undefined. */
    static final double FALLBACK_DISCOUNT = 0.5;

    /** Counts the training split and scores the validation split; a corpus without validation tokens scores NaN. */
    public static NgramBaseline of(Corpus corpus) {
        int wanted = Tokenizers.baseLevel(corpus.tokenizer().level()).equals("word") ? WORD_MAX_ORDER : CHAR_MAX_ORDER;
        int vocabularySize = corpus.vocabulary().size();
        int maxOrder = KneserNey.orderThatFits(vocabularySize, wanted);
        int trainEnd = corpus.trainEnd();
        int countEnd = Math.min(trainEnd, MAX_COUNTED_TOKENS);
        KneserNey model = KneserNey.count(corpus.tokens(), 0, countEnd, maxOrder, vocabularySize, MAX_NGRAMS);
        int scoreEnd = (int) Math.min(corpus.size(), (long) trainEnd + MAX_SCORED_TOKENS);
        double[] losses = scoreEnd > trainEnd ? model.losses(trainEnd, scoreEnd) : nan(model.order());
        int best = 0;
        for (int k = 1; k < losses.length; k++) {
            if (losses[k] < losses[best]) {
                best = k;
            }
        }
        return new NgramBaseline(best + 1, losses[best], losses[0], losses, countEnd, countEnd < trainEnd,
                scoreEnd - trainEnd, scoreEnd < corpus.size(), model.order() < maxOrder);
    }

    /**
     * Mean loss of each order on {@code tokens[from, to)} for models counted on {@code tokens[0, countEnd)}:
     * for checks on other stretches, e.g. the training split itself.
     */
    public static double[] losses(Tokens tokens, int countEnd, int vocabularySize, int maxOrder, int from, int to) {
        KneserNey model = KneserNey.count(tokens, 0, countEnd, KneserNey.orderThatFits(vocabularySize, maxOrder),
                vocabularySize, Long.MAX_VALUE);
        return model.losses(from, to);
    }

    public double bits() {
        return loss / Math.log(2);
    }

    /** A validation loss beside the baselines, e.g. "validation 1.48 nats; unigram 3.31; best n-gram (order 5) 1.92". */
    public String comparison(double validationLoss) {
        return String.format(Locale.ROOT, "validation %.2f nats; unigram %.2f; best n-gram (order %d) %.2f", validationLoss,
                unigramLoss, order, loss);
    }

    /** Which limits applied, e.g. "counted on the first 10,000,000 training tokens"; empty when none. */
    public String note() {
        StringBuilder s = new StringBuilder();
        if (countsCapped) {
            s.append(String.format("counted on the first %,d training tokens", countedTokens));
        }
        if (scoringCapped) {
            s.append(s.isEmpty() ? "" : "; ").append(String.format("scored on the first %,d validation tokens", scoredTokens));
        }
        if (ordersCapped) {
            s.append(s.isEmpty() ? "" : "; ").append(String.format("orders above %d not counted (over %,d n-grams)",
                    lossByOrder.length, MAX_NGRAMS));
        }
        return s.toString();
    }

    /** Where a corpus keeps its baseline once computed, so it is computed once per corpus. */
    public static final class Memo {
        private NgramBaseline value;

        synchronized NgramBaseline get(Corpus corpus) {
            if (value == null) {
                value = of(corpus);
            }
            return value;
        }

        synchronized Optional<NgramBaseline> known() {
            return Optional.ofNullable(value);
        }
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}

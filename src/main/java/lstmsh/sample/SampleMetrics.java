package lstmsh.sample;

/**
 * The numbers measured on a sample.
 *
 * @param tokens generated tokens, prime excluded
 * @param meanEntropyBits mean entropy of the model's distribution at the sampling temperature
 *     (before top-k and top-p), bits per token
 * @param minEntropyBits the lowest of them
 * @param modelEntropyBits mean entropy of the model's own distribution (temperature 1)
 * @param perplexity 2 to the mean surprisal of the sampled tokens under the model (temperature 1)
 * @param distinct1 distinct tokens over tokens
 * @param distinct2 distinct token pairs over pairs
 * @param distinct3 distinct token triples over triples
 * @param ngram n-gram size of the copy measures (8 characters or 4 words)
 * @param copiedShare share of the sample's n-grams found verbatim in the training text; NaN
 *     when there is no corpus to compare with or the sample is shorter than n
 * @param longestCopied tokens in the longest span found verbatim in the training text (0: none
 *     of at least n tokens, or no corpus)
 * @param longestCopiedText that span's text
 */
public record SampleMetrics(
        int tokens,
        double meanEntropyBits,
        double minEntropyBits,
        double modelEntropyBits,
        double perplexity,
        double distinct1,
        double distinct2,
        double distinct3,
        int ngram,
        double copiedShare,
        int longestCopied,
        String longestCopiedText) {

    public boolean hasCopyMeasures() {
        return !Double.isNaN(copiedShare);
    }
}

package lstmsh.sample;

import java.util.List;

/**
 * What a sample says about the model.
 *
 * @param text the generated text, prime excluded
 * @param tokens generated token ids
 * @param meanEntropyBits mean entropy of the distributions drawn from, bits per token
 * @param minEntropyBits the lowest of them
 * @param tokensPerSecond generation speed, drawing included
 * @param skippedPrime prime characters not in the vocabulary, skipped
 */
public record SampleReport(
        String text,
        int[] tokens,
        double meanEntropyBits,
        double minEntropyBits,
        double tokensPerSecond,
        List<String> skippedPrime,
        List<SampleWarning> warnings) {}

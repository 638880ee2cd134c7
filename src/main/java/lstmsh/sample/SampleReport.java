package lstmsh.sample;

import lstmsh.finding.Finding;

import java.util.List;
import java.util.Locale;

/**
 * What a sample says about the model.
 *
 * @param text the generated text, prime excluded
 * @param tokens generated token ids
 * @param meanEntropyBits mean entropy of the distributions drawn from, at the sampling
 *     temperature before top-k and top-p, bits per token
 * @param minEntropyBits the lowest of them
 * @param tokensPerSecond generation speed, drawing included, prime excluded
 * @param skippedPrime prime tokens not in the vocabulary, skipped
 * @param warnings what is wrong, each with its evidence and advice
 * @param metrics every measure of the sample
 * @param surprisalBits surprisal of each generated token under the model (temperature 1)
 * @param draw how tokens were drawn, e.g. "temperature 0.7, top-k 40"
 * @param stoppedAt the --stop text that ended the sample, or empty
 */
public record SampleReport(
        String text,
        int[] tokens,
        double meanEntropyBits,
        double minEntropyBits,
        double tokensPerSecond,
        List<String> skippedPrime,
        List<Finding> warnings,
        SampleMetrics metrics,
        double[] surprisalBits,
        String draw,
        String stoppedAt) {

    /** The report in one line, e.g. for a sample printed during training. */
    public String summary() {
        SampleMetrics m = metrics;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d tokens, %s: entropy %.3f bits/token (min %.3f)", m.tokens(), draw,
                m.meanEntropyBits(), m.minEntropyBits()));
        sb.append(String.format(Locale.ROOT, ", perplexity %.2f, distinct-1/2/3 %s/%s/%s", m.perplexity(),
                ratio(m.distinct1()), ratio(m.distinct2()), ratio(m.distinct3())));
        if (m.hasCopyMeasures()) {
            sb.append(String.format(Locale.ROOT, ", copied %s-grams %.1f%% (longest %d)", m.ngram(),
                    100 * m.copiedShare(), m.longestCopied()));
        }
        sb.append(warnings.isEmpty() ? ", no warnings"
                : ", warnings: " + String.join(" ", warnings.stream().map(Finding::name).toList()));
        return sb.toString();
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}

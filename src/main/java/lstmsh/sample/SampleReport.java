package lstmsh.sample;

import lstmsh.finding.Finding;
import lstmsh.util.Texts;

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

    /**
     * The measures in one line, as both the command and the samples during training show them:
     * "300 tokens, temperature 0.7: entropy 2.143 bits/token (min 0.210; 2.655 at temperature 1),
     * perplexity 5.12, distinct-1/2/3 0.12/0.45/0.71".
     */
    public String measures() {
        SampleMetrics m = metrics;
        // At another temperature, the model's own entropy too: what LOW_ENTROPY judges.
        String atOne = Math.abs(m.meanEntropyBits() - m.modelEntropyBits()) < 1e-9
                ? "" : String.format(Locale.ROOT, "; %.3f at temperature 1", m.modelEntropyBits());
        return String.format(Locale.ROOT, "%d tokens, %s%s: entropy %.3f bits/token (min %.3f%s), perplexity %.2f,"
                        + " distinct-1/2/3 %s/%s/%s",
                m.tokens(), draw, stoppedAt.isEmpty() ? "" : ", stopped at " + Texts.quote(stoppedAt),
                m.meanEntropyBits(), m.minEntropyBits(), atOne, m.perplexity(), ratio(m.distinct1()),
                ratio(m.distinct2()), ratio(m.distinct3()));
    }

    /** The report in one line, e.g. for a sample printed during training. */
    public String summary() {
        SampleMetrics m = metrics;
        StringBuilder sb = new StringBuilder(measures());
        if (m.hasCopyMeasures()) {
            sb.append(String.format(Locale.ROOT, ", copied %s-grams %.1f%% (longest %d)", m.ngram(),
                    100 * m.copiedShare(), m.longestCopied()));
        }
        sb.append(warnings.isEmpty() ? ", no warnings"
                : ", warnings: " + String.join(" ", warnings.stream().map(Finding::name).toList()));
        return sb.toString();
    }

    /** A share with two decimals, or "-" when the sample was too short to have one. */
    public static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}

package lstmsh.sample;

import lstmsh.finding.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of several samples taken together: means weighted by each sample's tokens, the
 * lowest minimum entropy, the longest copied span, and the warnings raised.
 *
 * @param tokens generated tokens over all samples
 * @param perplexity 2 to the token-weighted mean surprisal
 * @param tokensPerSecond tokens over the summed generation time
 * @param copiedShare token-weighted share of copied n-grams; NaN without copy measures
 * @param warnings warnings raised, counting each sample's
 * @param findings the first warning of each code, its evidence marked as the last sample's, for diagnose
 */
public record SampleSummary(
        int tokens,
        double meanEntropyBits,
        double minEntropyBits,
        double modelEntropyBits,
        double perplexity,
        double tokensPerSecond,
        double distinct1,
        double distinct2,
        double distinct3,
        double copiedShare,
        int longestCopied,
        int warnings,
        List<Finding> findings) {

    public SampleSummary {
        findings = List.copyOf(findings);
    }

    public static SampleSummary of(List<SampleReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        int tokens = 0;
        double entropy = 0;
        double modelEntropy = 0;
        double minEntropy = Double.POSITIVE_INFINITY;
        double surprisal = 0;
        double seconds = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        double copied = 0;
        int longest = 0;
        int warnings = 0;
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (SampleReport r : reports) {
            SampleMetrics m = r.metrics();
            int n = m.tokens();
            tokens += n;
            entropy += m.meanEntropyBits() * n;
            modelEntropy += m.modelEntropyBits() * n;
            minEntropy = Math.min(minEntropy, m.minEntropyBits());
            surprisal += Math.log(m.perplexity()) / Math.log(2) * n;
            seconds += n / r.tokensPerSecond();
            d1 += m.distinct1() * n;
            d2 += m.distinct2() * n;
            d3 += m.distinct3() * n;
            copied += m.copiedShare() * n;
            longest = Math.max(longest, m.longestCopied());
            warnings += r.warnings().size();
            for (Finding w : r.warnings()) {
                findings.putIfAbsent(w.name(), new Finding(w.code(), w.severity(), "last sample: " + w.evidence(), w.fix()));
            }
        }
        return new SampleSummary(tokens, entropy / tokens, minEntropy, modelEntropy / tokens, Math.pow(2, surprisal / tokens),
                tokens / seconds, d1 / tokens, d2 / tokens, d3 / tokens, copied / tokens, longest, warnings,
                new ArrayList<>(findings.values()));
    }

    public boolean hasCopyMeasures() {
        return !Double.isNaN(copiedShare);
    }

    /** The codes raised, each once, in the order first raised. */
    public List<String> codes() {
        return findings.stream().map(Finding::name).toList();
    }

    /** The named figures for {@code expect}: sample.entropy, sample.perplexity ... */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("sample.entropy", meanEntropyBits);
        f.put("sample.min_entropy", minEntropyBits);
        f.put("sample.model_entropy", modelEntropyBits);
        f.put("sample.warnings", (double) warnings);
        f.put("sample.tokens", (double) tokens);
        f.put("sample.tok_per_s", tokensPerSecond);
        f.put("sample.perplexity", perplexity);
        f.put("sample.distinct1", distinct1);
        f.put("sample.distinct2", distinct2);
        f.put("sample.distinct3", distinct3);
        if (hasCopyMeasures()) {
            f.put("sample.copied_share", copiedShare);
            f.put("sample.longest_copied", (double) longestCopied);
        }
        return f;
    }
}

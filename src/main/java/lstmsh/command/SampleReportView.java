package lstmsh.command;

import lstmsh.finding.Finding;
import lstmsh.render.BlankRuns;
import lstmsh.render.SurprisalColor;
import lstmsh.sample.KnownTokens;
import lstmsh.sample.SampleMetrics;
import lstmsh.sample.SampleReport;
import lstmsh.sample.SamplingPlan;
import lstmsh.sample.SamplingSettings;
import lstmsh.sample.TokenSink;
import lstmsh.util.Format;
import lstmsh.util.Texts;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How {@code sample} shows its samples: the text as it streams, each report, the temperature table. */
final class SampleReportView {

    /** How the streamed text is coloured. */
    enum Colour {
        NONE,
        SURPRISAL;

        static Colour parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "surprisal" -> SURPRISAL;
                case "none", "off" -> NONE;
                default -> throw new IllegalArgumentException("--color takes none or surprisal, got '" + text + "'");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** --color values for completion. */
    static final class ColourNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Colour.values()).map(Colour::label).iterator();
        }
    }

    /** --on-unknown values for completion. */
    static final class UnknownPolicyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SamplingSettings.UnknownPolicy.names().iterator();
        }
    }

    private final PrintWriter out;
    private final boolean tint;
    private final boolean chars;
    private BlankRuns streamed;

    /**
     * @param tint colour each token by its surprisal
     * @param level the model's token level, which names the unit of the copy measures
     */
    SampleReportView(PrintWriter out, boolean tint, String level) {
        this.out = out;
        this.tint = tint;
        this.chars = "char".equals(level);
    }

    /** The line before sample {@code i}: its seed or its temperature, when there is more than one. */
    void header(SamplingPlan plan, int i, SamplingSettings settings) {
        String gap = i == 0 ? "" : "\n";
        if (plan.sweepsTemperatures()) {
            out.printf("%s-- temperature %s%n", gap, plan.temperatures().get(i));
        } else if (plan.count() > 1) {
            out.printf("%s-- sample %d of %d (seed %d)%n", gap, i + 1, plan.count(), settings.seed());
        }
    }

    /** Names the prime tokens that were skipped, before the sample they would have started. */
    void skipped(List<String> skippedPrime) {
        if (!skippedPrime.isEmpty()) {
            out.println("warning: skipped prime tokens not in the vocabulary: " + KnownTokens.names(skippedPrime));
        }
    }

    /**
     * Prints the prime, then hands out the sink that prints each generated piece as it comes; long
     * runs of blank pieces print as a count (see {@link BlankRuns}).
     */
    TokenSink stream(String primeText) {
        streamed = new BlankRuns(text -> {
            out.print(text);
            out.flush();
        });
        if (!primeText.isEmpty()) {
            streamed.accept(primeText, primeText);
        }
        BlankRuns sink = streamed;
        return (piece, token, bits) -> sink.accept(piece, tint ? SurprisalColor.tint(piece, bits) : piece);
    }

    /** Ends the streamed text. */
    void ended() {
        if (streamed != null) {
            streamed.flush();
        }
        out.println();
    }

    /** A sample's measures, copy measures and warnings. */
    void report(SampleReport report) {
        SampleMetrics m = report.metrics();
        out.println("[" + report.measures() + ", " + Format.count(report.tokensPerSecond()) + " tok/s]");
        if (m.hasCopyMeasures()) {
            out.printf(Locale.ROOT, "[copied from the training text: %.1f%% of %d-%s n-grams; longest span %d %s%s]%n",
                    100 * m.copiedShare(), m.ngram(), chars ? "character" : "token", m.longestCopied(),
                    chars ? "characters" : "tokens",
                    m.longestCopied() > 0 ? " " + Texts.quoteShort(m.longestCopiedText(), 70) : "");
        }
        if (report.warnings().isEmpty()) {
            out.println("no warnings");
        }
        for (Finding w : report.warnings()) {
            out.printf("warning %s: %s%n  advice: %s%n", w.name(), w.evidence(), w.fix());
        }
    }

    /** In a temperature sweep, only whether the sample was stopped: the table says the rest. */
    void stopped(SampleReport report) {
        if (!report.stoppedAt().isEmpty()) {
            out.println("[stopped at " + Texts.quote(report.stoppedAt()) + "]");
        }
    }

    void legend() {
        if (tint) {
            out.println(SurprisalColor.legend());
        }
    }

    /**
     * One row per temperature drawn so far.
     *
     * @param copies whether the samples have copy measures (a column of them)
     */
    void table(List<Double> temperatures, List<SampleReport> reports, boolean copies) {
        out.println();
        out.printf("%11s  %7s  %7s  %7s  %10s  %10s  %10s  %10s%s  %s%n", "temperature", "entropy", "min", "model H",
                "perplexity", "distinct-1", "distinct-2", "distinct-3", copies ? String.format("  %7s", "copied") : "",
                "warnings");
        for (int i = 0; i < reports.size(); i++) {
            SampleReport r = reports.get(i);
            SampleMetrics m = r.metrics();
            out.printf(Locale.ROOT, "%11s  %7.3f  %7.3f  %7.3f  %10.2f  %10s  %10s  %10s%s  %s%n", temperatures.get(i),
                    m.meanEntropyBits(), m.minEntropyBits(), m.modelEntropyBits(), m.perplexity(),
                    SampleReport.ratio(m.distinct1()), SampleReport.ratio(m.distinct2()), SampleReport.ratio(m.distinct3()),
                    copies ? String.format(Locale.ROOT, "  %6.1f%%", 100 * m.copiedShare()) : "",
                    r.warnings().isEmpty() ? "-" : String.join(" ", r.warnings().stream().map(Finding::name).toList()));
        }
        out.println("entropy, min: bits/token at that temperature; model H: at temperature 1 along the sample");
    }
}

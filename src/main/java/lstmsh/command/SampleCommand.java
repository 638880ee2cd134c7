package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.model.LstmLanguageModel;
import lstmsh.util.Format;
import lstmsh.render.SurprisalColor;
import lstmsh.sample.CorpusIndex;
import lstmsh.sample.KnownTokens;
import lstmsh.sample.RepetitionDetector;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SampleJudge;
import lstmsh.sample.SampleMetrics;
import lstmsh.sample.SampleReport;
import lstmsh.finding.Finding;
import lstmsh.sample.SamplingSettings;
import lstmsh.sample.TokenSink;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@Command(
        name = "sample",
        description = {
            "Generate text from the model, streaming it, then report what the sample says about the model.",
            "The state is carried from token to token, so generation is linear in --length.",
            "",
            "The report: mean and minimum entropy of the distributions drawn from (bits/token, at --temperature,"
                    + " before top-k/top-p; --greedy counts as temperature 1); the sample's perplexity under the model"
                    + " (temperature 1); distinct-1/2/3 (distinct n-grams over n-grams); the share of the sample's"
                    + " n-grams (8 characters, or 4 words) found verbatim in the training text, and the longest span"
                    + " copied verbatim.",
            "",
            "Warnings (codes for 'expect warning CODE'); thresholds are relative to the corpus the model learned, but"
                    + " LOOP's, as natural text does not repeat a phrase back to back:",
            "  REPEAT_RUN      one token repeated back to back more than " + RepetitionDetector.RUN_FACTOR
                    + "× the longest run of it in the corpus (and at least " + RepetitionDetector.MIN_RUN + " times).",
            "  LOOP            a unit of 2-" + RepetitionDetector.MAX_PERIOD + " tokens repeated back to back at least "
                    + RepetitionDetector.MIN_REPEATS + " times, covering at least " + RepetitionDetector.MIN_LOOP_TOKENS
                    + " tokens (not a run of one token).",
            "  DOMINANT_TOKEN  one token at least " + SampleJudge.DOMINANT_MIN_COUNT + " times, at least "
                    + SampleJudge.DOMINANT_FACTOR + "× its share of the corpus, and above the largest share any token"
                    + " has in the corpus.",
            "  LOW_ENTROPY     the model's own distribution (temperature 1) averages under "
                    + SampleJudge.LOW_ENTROPY_PERCENT + "%% of the corpus' unigram entropy along the sample:"
                    + " near-deterministic where the corpus is not.",
            "  MEMORIZED       the longest span copied verbatim is over " + SampleJudge.MEMORIZED_FACTOR
                    + "× the longest that the corpus' own windows of the sample's length share with the rest of it, and"
                    + " at least " + SampleJudge.MEMORIZED_MIN_NGRAMS + " n-grams long (32 characters, 16 words).",
            "Without a corpus loaded (or with another vocabulary) only REPEAT_RUN and LOOP are checked."
        },
        footer = {"", "Example:", "  sample --length 300 --temperature 0.7 --prime \"Chapter 3\" --seed 4",
            "  sample --count 3 --top-p 0.9 --stop \"\\n\\n\"",
            "  sample --temperatures 0.2,0.5,1.0,1.5 --length 120"})
public final class SampleCommand extends WorkspaceCommand {

    /** Above this many training tokens, building the corpus index takes long enough to say so. */
    static final int LARGE_CORPUS = 5_000_000;

    @Option(names = "--length", paramLabel = "N", defaultValue = "" + SamplingSettings.DEFAULT_LENGTH,
            description = "Tokens to generate; the prime is not counted (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + SamplingSettings.DEFAULT_TEMPERATURE,
            description = "Divides the logits: below 1 is more conservative, above 1 more adventurous (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "" + SamplingSettings.DEFAULT_TOP_K,
            description = "Draw only from the K most likely tokens; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "" + SamplingSettings.DEFAULT_TOP_P,
            description = "Draw only from the most likely tokens holding probability P, 0 < P <= 1; 1 keeps all (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--greedy", description = "Always take the most likely token (ignores temperature, top-k and top-p).")
    boolean greedy;

    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "",
            description = "Text fed before generating (default: none), printed before the sample and not counted in --length; \\n and \\t are understood.")
    String prime;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SamplingSettings.DEFAULT_SEED,
            description = "Seed of the draw; with --count, sample i uses seed + i - 1 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "Samples to draw, each with its report; figures are then over all of them (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--stop", paramLabel = "TEXT", defaultValue = "",
            description = "End a sample once its text contains TEXT (printed); \\n and \\t are understood, e.g. \"\\n\\n\" for a blank line.")
    String stop;

    @Option(names = "--on-unknown", paramLabel = "skip|stop", defaultValue = SamplingSettings.DEFAULT_ON_UNKNOWN,
            description = "Prime tokens not in the vocabulary: skip them with a warning naming them, or stop with an error (default: ${DEFAULT-VALUE}).")
    String onUnknown;

    @Option(names = "--color", paramLabel = "none|surprisal", defaultValue = "none",
            description = "surprisal: tint each token by how surprised the model was (colour terminals only; NO_COLOR turns it off) (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = "--temperatures", paramLabel = "LIST", split = ",",
            description = "One sample per temperature, e.g. 0.2,0.5,1.0,1.5, then a table of entropy, distinct-n and warnings;"
                    + " figures and warnings are those of the last temperature.")
    List<Double> temperatures;

    public SampleCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        SamplingSettings settings;
        try {
            settings = new SamplingSettings(length, temperature, topK, topP, greedy, unescape(prime), seed,
                    unescape(stop), SamplingSettings.UnknownPolicy.parse(onUnknown));
        } catch (IllegalArgumentException e) {
            throw new LstmshException(e.getMessage());
        }
        if (count < 1 || count > 1000) {
            throw new LstmshException("--count must be between 1 and 1000, got " + count);
        }
        boolean surprisalColour = switch (color.trim().toLowerCase(Locale.ROOT)) {
            case "surprisal" -> true;
            case "none", "off" -> false;
            default -> throw new LstmshException("--color takes none or surprisal, got '" + color + "'");
        };
        if (temperatures != null) {
            if (count > 1) {
                throw new LstmshException("use either --temperatures or --count, not both");
            }
            if (greedy) {
                throw new LstmshException("--greedy ignores the temperature; drop it to use --temperatures");
            }
            for (double t : temperatures) {
                try {
                    settings.withTemperature(t);
                } catch (IllegalArgumentException e) {
                    throw new LstmshException("--temperatures: " + e.getMessage().replace("--temperature ", ""));
                }
            }
        }
        // Refuses an unknown prime before anything is printed.
        SampleGenerator.Prime primed = SampleGenerator.prime(model, settings);
        boolean tint = surprisalColour && workspace.console().color();
        if (surprisalColour && !tint) {
            out().println("(--color surprisal: plain output here, not a colour terminal or NO_COLOR is set)");
        }
        var corpus = workspace.corpus();
        if (corpus != null && corpus.vocabulary().equals(model.vocabulary()) && !CorpusIndex.isBuilt(corpus)
                && corpus.train().size() > LARGE_CORPUS) {
            out().printf("(indexing the %s training tokens for the copy measures, once per corpus)%n",
                    Format.count(corpus.train().size()));
            out().flush();
        }
        SampleJudge judge = SampleJudge.of(model, corpus);
        if (corpus == null) {
            out().println("(no corpus loaded: copy measures and the corpus-relative warnings are skipped)");
        } else if (!judge.hasCorpus()) {
            out().println("(the loaded corpus has another vocabulary than the model: copy measures and the"
                    + " corpus-relative warnings are skipped)");
        }
        workspace.cancel().reset();
        if (temperatures != null) {
            runTemperatures(model, settings, primed, judge, tint);
        } else {
            runSamples(model, settings, primed, judge, tint);
        }
    }

    private void runSamples(LstmLanguageModel model, SamplingSettings settings, SampleGenerator.Prime primed,
            SampleJudge judge, boolean tint) {
        List<SampleReport> reports = new ArrayList<>();
        for (int i = 0; i < count && !workspace.cancel().isCancelled(); i++) {
            SamplingSettings s = settings.withSeed(settings.seed() + i);
            if (count > 1) {
                out().printf("%s-- sample %d of %d (seed %d)%n", i == 0 ? "" : "\n", i + 1, count, s.seed());
            }
            SampleReport report = stream(model, s, primed, judge, tint);
            printReport(report);
            reports.add(report);
        }
        if (tint) {
            out().println(SurprisalColor.legend());
        }
        putFigures(reports);
    }

    private void runTemperatures(LstmLanguageModel model, SamplingSettings settings, SampleGenerator.Prime primed,
            SampleJudge judge, boolean tint) {
        List<SampleReport> reports = new ArrayList<>();
        List<Double> done = new ArrayList<>();
        for (double t : temperatures) {
            if (workspace.cancel().isCancelled()) {
                break;
            }
            out().printf("%s-- temperature %s%n", done.isEmpty() ? "" : "\n", t);
            SampleReport report = stream(model, settings.withTemperature(t), primed, judge, tint);
            if (!report.stoppedAt().isEmpty()) {
                out().println("[stopped at " + quote(report.stoppedAt()) + "]");
            }
            reports.add(report);
            done.add(t);
        }
        out().println();
        boolean copies = judge.hasIndex();
        out().printf("%11s  %7s  %7s  %7s  %10s  %10s  %10s  %10s%s  %s%n", "temperature", "entropy", "min", "model H",
                "perplexity", "distinct-1", "distinct-2", "distinct-3", copies ? String.format("  %7s", "copied") : "",
                "warnings");
        for (int i = 0; i < reports.size(); i++) {
            SampleMetrics m = reports.get(i).metrics();
            out().printf(Locale.ROOT, "%11s  %7.3f  %7.3f  %7.3f  %10.2f  %10s  %10s  %10s%s  %s%n", done.get(i),
                    m.meanEntropyBits(), m.minEntropyBits(), m.modelEntropyBits(), m.perplexity(), ratio(m.distinct1()),
                    ratio(m.distinct2()), ratio(m.distinct3()),
                    copies ? String.format(Locale.ROOT, "  %6.1f%%", 100 * m.copiedShare()) : "",
                    reports.get(i).warnings().isEmpty() ? "-"
                            : String.join(" ", reports.get(i).warnings().stream().map(Finding::name).toList()));
        }
        out().println("entropy, min: bits/token at that temperature; model H: at temperature 1 along the sample");
        if (!reports.isEmpty()) {
            putFigures(List.of(reports.get(reports.size() - 1)));
        }
    }

    private SampleReport stream(LstmLanguageModel model, SamplingSettings settings, SampleGenerator.Prime primed,
            SampleJudge judge, boolean tint) {
        if (!primed.text().isEmpty()) {
            out().print(primed.text());
        }
        TokenSink sink = (piece, token, bits) -> {
            out().print(tint ? SurprisalColor.tint(piece, bits) : piece);
            out().flush();
        };
        SampleReport report = SampleGenerator.generate(model, settings, judge, sink, workspace.cancel());
        out().println();
        if (!report.skippedPrime().isEmpty()) {
            out().println("warning: skipped prime tokens not in the vocabulary: " + KnownTokens.names(report.skippedPrime()));
        }
        return report;
    }

    private void printReport(SampleReport report) {
        SampleMetrics m = report.metrics();
        // At another temperature, the model's own entropy too: what LOW_ENTROPY judges.
        String atOne = Math.abs(m.meanEntropyBits() - m.modelEntropyBits()) < 1e-9
                ? "" : String.format(Locale.ROOT, "; %.3f at temperature 1", m.modelEntropyBits());
        out().printf(Locale.ROOT, "[%d tokens, %s%s: entropy %.3f bits/token (min %.3f%s), perplexity %.2f,"
                        + " distinct-1/2/3 %s/%s/%s, %s tok/s]%n",
                m.tokens(), report.draw(), report.stoppedAt().isEmpty() ? "" : ", stopped at " + quote(report.stoppedAt()),
                m.meanEntropyBits(), m.minEntropyBits(), atOne, m.perplexity(), ratio(m.distinct1()),
                ratio(m.distinct2()), ratio(m.distinct3()), Format.count(report.tokensPerSecond()));
        if (m.hasCopyMeasures()) {
            boolean chars = "char".equals(model().tokenizer().level());
            String unit = chars ? "characters" : "tokens";
            out().printf(Locale.ROOT, "[copied from the training text: %.1f%% of %d-%s n-grams; longest span %d %s%s]%n",
                    100 * m.copiedShare(), m.ngram(), chars ? "character" : "token",
                    m.longestCopied(), unit, m.longestCopied() > 0 ? " " + quote(abbreviate(m.longestCopiedText(), 70)) : "");
        }
        if (report.warnings().isEmpty()) {
            out().println("no warnings");
        }
        for (Finding w : report.warnings()) {
            out().printf("warning %s: %s%n  advice: %s%n", w.name(), w.evidence(), w.fix());
        }
    }

    private LstmLanguageModel model() {
        return workspace.requireModel();
    }

    /** Figures over all reports: means weighted by tokens, the lowest minimum, every warning raised. */
    private void putFigures(List<SampleReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        double tokens = 0;
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
        Set<String> codes = new LinkedHashSet<>();
        int warnings = 0;
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
            r.warnings().forEach(w -> codes.add(w.name()));
        }
        Figures f = workspace.figures();
        f.put("sample.entropy", entropy / tokens);
        f.put("sample.min_entropy", minEntropy);
        f.put("sample.model_entropy", modelEntropy / tokens);
        f.put("sample.warnings", warnings);
        f.put("sample.tokens", tokens);
        f.put("sample.tok_per_s", tokens / seconds);
        f.put("sample.perplexity", Math.pow(2, surprisal / tokens));
        f.put("sample.distinct1", d1 / tokens);
        f.put("sample.distinct2", d2 / tokens);
        f.put("sample.distinct3", d3 / tokens);
        if (!Double.isNaN(copied)) {
            f.put("sample.copied_share", copied / tokens);
            f.put("sample.longest_copied", longest);
        }
        f.setWarnings(new ArrayList<>(codes));
        // diagnose reports what the last samples raised, one finding per code.
        java.util.Map<String, Finding> findings = new java.util.LinkedHashMap<>();
        for (SampleReport r : reports) {
            for (Finding w : r.warnings()) {
                findings.putIfAbsent(w.name(), new Finding(w.code(), w.severity(), "last sample: " + w.evidence(), w.fix()));
            }
        }
        workspace.setSampleFindings(new ArrayList<>(findings.values()));
    }

    private static String unescape(String s) {
        return s == null ? "" : StringEscapeUtils.unescapeJava(s);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}

package lstmsh.command;

import lstmsh.inspect.LoopInspection;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.CorpusIndex;
import lstmsh.sample.RepetitionDetector;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SampleJudge;
import lstmsh.sample.SampleReport;
import lstmsh.sample.SampleSummary;
import lstmsh.sample.SamplingPlan;
import lstmsh.sample.SamplingSettings;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;
import lstmsh.util.Format;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

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
                    + SampleJudge.DOMINANT_FACTOR + "× its share of the corpus, above the largest share any token"
                    + " has in the corpus, and above its share in " + (int) (100 * SampleJudge.DOMINANT_WINDOW_QUANTILE)
                    + "%% of the corpus' own stretches of the sample's length; its longest run counts once"
                    + " (a run is REPEAT_RUN) unless it covers nearly the whole sample.",
            "  LOW_ENTROPY     the model's own distribution (temperature 1) averages under "
                    + SampleJudge.LOW_ENTROPY_PERCENT + "%% of the corpus' unigram entropy along the sample:"
                    + " near-deterministic where the corpus is not.",
            "  NOISE           the model's own distribution (temperature 1) averages at least the corpus' unigram"
                    + " entropy and the sample is less likely under the corpus' token frequencies than the corpus itself"
                    + " (at least " + SampleJudge.NOISE_MIN_TOKENS + " tokens; not for a corpus over "
                    + (int) (100 * SampleJudge.NOISE_MAX_RATIO) + "%% of its maximum entropy): no better than random.",
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

    @Option(names = "--length", paramLabel = "N",
            description = "Tokens to generate; the prime is not counted (default: ${DEFAULT-VALUE}).")
    int length = SamplingSettings.DEFAULT_LENGTH;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Divides the logits: below 1 is more conservative, above 1 more adventurous (default: ${DEFAULT-VALUE}).")
    double temperature = SamplingSettings.DEFAULT_TEMPERATURE;

    @Option(names = "--top-k", paramLabel = "K",
            description = "Draw only from the K most likely tokens; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int topK = SamplingSettings.DEFAULT_TOP_K;

    @Option(names = "--top-p", paramLabel = "P",
            description = "Draw only from the most likely tokens holding probability P, 0 < P <= 1; 1 keeps all (default: ${DEFAULT-VALUE}).")
    double topP = SamplingSettings.DEFAULT_TOP_P;

    @Option(names = "--greedy", description = "Always take the most likely token (ignores temperature, top-k and top-p).")
    boolean greedy;

    @Option(names = "--prime", paramLabel = "TEXT",
            description = "Text fed before generating (default: none), printed before the sample and not counted in --length; \\n and \\t are understood.")
    String prime = "";

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the draw; with --count, sample i uses seed + i - 1 (default: ${DEFAULT-VALUE}).")
    long seed = SamplingSettings.DEFAULT_SEED;

    @Option(names = "--count", paramLabel = "N",
            description = "Samples to draw, each with its report; figures are then over all of them (default: ${DEFAULT-VALUE}).")
    int count = SamplingPlan.DEFAULT_COUNT;

    @Option(names = "--stop", paramLabel = "TEXT",
            description = "End a sample once its text contains TEXT (printed); \\n and \\t are understood, e.g. \"\\n\\n\" for a blank line.")
    String stop = "";

    @Option(names = "--on-unknown", paramLabel = "skip|stop", completionCandidates = SampleReportView.UnknownPolicyNames.class,
            description = "Prime tokens not in the vocabulary: skip them with a warning naming them, or stop with an error (default: ${DEFAULT-VALUE}).")
    String onUnknown = SamplingSettings.DEFAULT_ON_UNKNOWN.label();

    @Option(names = "--color", paramLabel = "none|surprisal", completionCandidates = SampleReportView.ColourNames.class,
            description = "surprisal: tint each token by how surprised the model was (colour terminals only; NO_COLOR turns it off) (default: ${DEFAULT-VALUE}).")
    String color = SampleReportView.Colour.NONE.label();

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
        SamplingPlan plan = new SamplingPlan(new SamplingSettings(length, temperature, topK, topP, greedy,
                StringEscapeUtils.unescapeJava(prime), seed, StringEscapeUtils.unescapeJava(stop),
                SamplingSettings.UnknownPolicy.parse(onUnknown)), count, temperatures);
        boolean surprisal = SampleReportView.Colour.parse(color) == SampleReportView.Colour.SURPRISAL;
        // Refuses an unknown prime before anything is printed.
        SampleGenerator.Prime primed = SampleGenerator.prime(model, plan.settings());
        boolean tint = surprisal && workspace.console().color();
        if (surprisal && !tint) {
            out().println("(--color surprisal: plain output here, not a colour terminal or NO_COLOR is set)");
        }
        SampleJudge judge = judge(model);
        workspace.cancel().reset();
        SampleReportView view = new SampleReportView(out(), tint, model.tokenizer().level());
        view.skipped(primed.skipped());
        List<SampleReport> reports = new ArrayList<>();
        List<SamplingSettings> samples = plan.samples();
        for (int i = 0; i < samples.size() && !workspace.cancel().isCancelled(); i++) {
            view.header(plan, i, samples.get(i));
            SampleReport report = SampleGenerator.generate(model, samples.get(i), judge, view.stream(primed.text()),
                    workspace.cancel());
            view.ended();
            if (plan.sweepsTemperatures()) {
                view.stopped(report);
            } else {
                view.report(report);
            }
            reports.add(report);
        }
        if (!reports.isEmpty()) {
            workspace.setLastSample(LoopInspection.toReplay(samples, reports));
        }
        if (plan.sweepsTemperatures()) {
            view.table(plan.temperatures(), reports, judge.hasIndex());
            // Figures and warnings are the last temperature's.
            reports = reports.isEmpty() ? reports : reports.subList(reports.size() - 1, reports.size());
        } else {
            view.legend();
        }
        if (!reports.isEmpty()) {
            SampleSummary summary = SampleSummary.of(reports);
            Figures f = workspace.figures();
            summary.figures().forEach(f::put);
            f.setWarnings(summary.codes());
            workspace.setSampleFindings(summary.findings());
        }
    }

    /** The judge for the loaded corpus, saying what it cannot compare and when its index takes a while. */
    private SampleJudge judge(LstmLanguageModel model) {
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
        return judge;
    }
}

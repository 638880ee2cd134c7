package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.Format;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SampleReport;
import lstmsh.sample.SampleWarning;
import lstmsh.sample.SamplingSettings;
import lstmsh.shell.Figures;
import lstmsh.shell.Workspace;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.stream.Collectors;

@Command(
        name = "sample",
        description = {
            "Generate text from the model, streaming it, then report the mean output entropy and warn about repeats.",
            "The state is carried from token to token, so generation is linear in --length."
        },
        footer = {"", "Example:", "  sample --length 300 --temperature 0.7 --prime \"Chapter 3\" --seed 4"})
public final class SampleCommand extends WorkspaceCommand {

    @Option(names = "--length", paramLabel = "N", defaultValue = "" + SamplingSettings.DEFAULT_LENGTH,
            description = "Tokens to generate; the prime is not counted (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + SamplingSettings.DEFAULT_TEMPERATURE,
            description = "Below 1 is more conservative, above 1 more adventurous (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--prime", paramLabel = "TEXT", defaultValue = "",
            description = "Text fed before generating; \\n and \\t are understood. Tokens not in the vocabulary are skipped with a warning.")
    String prime;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SamplingSettings.DEFAULT_SEED,
            description = "Seed of the draw (default: ${DEFAULT-VALUE}).")
    long seed;

    public SampleCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        SamplingSettings settings;
        try {
            settings = new SamplingSettings(length, temperature, StringEscapeUtils.unescapeJava(prime), seed);
        } catch (IllegalArgumentException e) {
            throw new LstmshException(e.getMessage());
        }
        var corpus = workspace.corpus();
        var stats = corpus != null && corpus.vocabulary().equals(model.vocabulary()) ? corpus.stats() : null;
        workspace.cancel().reset();
        if (!settings.prime().isEmpty()) {
            out().print(settings.prime());
        }
        SampleReport report = SampleGenerator.generate(model, settings, stats,
                piece -> {
                    out().print(piece);
                    out().flush();
                },
                workspace.cancel());
        out().println();
        if (!report.skippedPrime().isEmpty()) {
            out().println("warning: skipped prime tokens not in the vocabulary: "
                    + report.skippedPrime().stream().map(Vocabulary::display).distinct().collect(Collectors.joining(" ")));
        }
        out().printf("[%d tokens at temperature %s: entropy %.3f bits/token (min %.3f), %s tok/s, %s]%n",
                report.tokens().length, temperature, report.meanEntropyBits(), report.minEntropyBits(),
                Format.count(report.tokensPerSecond()),
                report.warnings().isEmpty() ? "no warnings" : report.warnings().size() + " warning(s)");
        for (SampleWarning w : report.warnings()) {
            out().printf("warning %s: %s%n  advice: %s%n", w.code(), w.reason(), w.advice());
        }
        Figures f = workspace.figures();
        f.put("sample.entropy", report.meanEntropyBits());
        f.put("sample.min_entropy", report.minEntropyBits());
        f.put("sample.warnings", report.warnings().size());
        f.put("sample.tokens", report.tokens().length);
        f.put("sample.tok_per_s", report.tokensPerSecond());
        f.setWarnings(report.warnings().stream().map(SampleWarning::code).toList());
    }
}

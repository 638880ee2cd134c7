package lstmsh.command;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusStats;
import lstmsh.inspect.LoopInspection;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.SamplingSettings;
import lstmsh.session.Workspace;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "loop",
        description = {
            "Replay the last sample (the first of them that raised LOOP or REPEAT_RUN) and explain its loop: the"
                    + " period; whether each layer's hidden state returns to where it was one period earlier"
                    + " (‖h_t − h_(t−p)‖ under " + (int) (100 * LoopInspection.RETURN_SHARE) + "%% of ‖h_t‖: an"
                    + " attractor of the state); the model's entropy along the loop; the units that swing with it and"
                    + " whether their forget gates are right-saturated (above " + LoopInspection.SATURATED_FORGET
                    + "); and the lowest temperature (0.2 to 2.0) and top-p at which sampling from inside the loop"
                    + " leaves it within the sample's length (most of " + LoopInspection.ESCAPE_DRAWS + " draws raise"
                    + " neither LOOP nor REPEAT_RUN).",
            "The answer tells a decoding too greedy (a higher temperature escapes) from an attractor the model falls"
                    + " into at every temperature. Options replace the last sample's settings; with no sample yet,"
                    + " decoding is greedy from a newline, " + InspectLoopCommand.FIRST_LENGTH + " tokens."
        },
        footer = {"", "Example:", "  sample --greedy --length 400", "  inspect loop",
            "  inspect loop --temperature 0.3 --seed 2"})
public final class InspectLoopCommand extends WorkspaceCommand {

    static final int FIRST_LENGTH = 400;

    @Option(names = "--length", paramLabel = "N", description = "Tokens to generate.")
    Integer length;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (turns greedy off).")
    Double temperature;

    @Option(names = "--top-k", paramLabel = "K", description = "Draw only from the K most likely tokens (turns greedy off).")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Draw only from the most likely tokens holding P (turns greedy off).")
    Double topP;

    @Option(names = "--greedy", description = "Always take the most likely token.")
    boolean greedy;

    @Option(names = "--prime", paramLabel = "TEXT", description = "Text fed before generating; \\n and \\t are understood.")
    String prime;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the draw.")
    Long seed;

    public InspectLoopCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        SamplingSettings last = workspace.lastSample();
        SamplingSettings base = last != null ? last
                : new SamplingSettings(FIRST_LENGTH, 1.0, 0, 1.0, true, "", SamplingSettings.DEFAULT_SEED, "",
                        SamplingSettings.DEFAULT_ON_UNKNOWN);
        boolean drawn = temperature != null || topK != null || topP != null;
        SamplingSettings settings = new SamplingSettings(
                length != null ? length : base.length(),
                temperature != null ? temperature : base.temperature(),
                topK != null ? topK : base.topK(),
                topP != null ? topP : base.topP(),
                greedy || (base.greedy() && !drawn),
                prime != null ? StringEscapeUtils.unescapeJava(prime) : base.prime(),
                seed != null ? seed : base.seed(),
                base.stop(),
                base.onUnknown());
        Corpus corpus = workspace.corpus();
        CorpusStats stats = corpus != null && corpus.vocabulary().equals(model.vocabulary()) ? corpus.stats() : null;
        workspace.cancel().reset();
        long start = System.nanoTime();
        LoopInspection.Report report = LoopInspection.of(model, settings, stats, workspace.cancel());
        double seconds = (System.nanoTime() - start) / 1e9;
        new LoopView(out()).print(report, last == null ? "no sample yet" : "the last sample's settings", seconds);
        report.figures().forEach(workspace.figures()::put);
    }
}

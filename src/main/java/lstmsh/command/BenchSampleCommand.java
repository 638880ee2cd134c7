package lstmsh.command;

import lstmsh.util.Format;
import lstmsh.sample.SamplingBenchmark;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;

import java.util.Locale;

@Command(
        name = "bench-sample",
        description = {
            "Time sampling in batch 1 on the quickstart model's shape (embedding 64, 2 LSTM layers of 256, vocabulary "
                    + SamplingBenchmark.QUICKSTART_VOCABULARY + "), drawing and per-token measures included:",
            "tokens per second of the prepared-weights path (what 'sample' uses) and of the fused LSTM op, and the time"
                    + " for " + SamplingBenchmark.LONG + " tokens over " + SamplingBenchmark.SHORT
                    + " (about 2 when generation is linear). Best of " + SamplingBenchmark.REPEATS + " runs.",
            "Both paths run on one intra-op thread, as 'sample' does: at batch 1 a second thread gains little on an"
                    + " idle machine and loses many times over on a busy one.",
            "Figures: bench.sample_tok_per_s, bench.sample_fused_tok_per_s, bench.sample_scaling."
        },
        footer = {"", "Example:", "  bench-sample", "  expect bench.sample_tok_per_s >= 4000", "  expect bench.sample_scaling <= 2.2"})
public final class BenchSampleCommand extends WorkspaceCommand {

    public BenchSampleCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        workspace.cancel().reset();
        SamplingBenchmark.Result r;
        try (var line = workspace.console().liveLine()) {
            r = SamplingBenchmark.quickstart(line::update, workspace.cancel());
        }
        out().printf("sampling benchmark, batch 1 (%s), drawing included:%n", r.model());
        out().printf(Locale.ROOT, "  prepared path: %s tok/s (%d tokens in %.3f s)%n", Format.count(r.preparedTokPerS()),
                SamplingBenchmark.LONG, r.secondsLong());
        out().printf(Locale.ROOT, "  fused path:    %s tok/s%n", Format.count(r.fusedTokPerS()));
        out().printf(Locale.ROOT, "  scaling: %d tokens take %.2f× the time of %d (%.3f s / %.3f s)%n",
                SamplingBenchmark.LONG, r.scaling(), SamplingBenchmark.SHORT, r.secondsLong(), r.secondsShort());
        Figures f = workspace.figures();
        r.figures().forEach(f::put);
    }
}

package lstmsh.command;

import lstmsh.bench.Bench;
import lstmsh.bench.BenchListener;
import lstmsh.bench.BenchReport;
import lstmsh.bench.BenchSettings;
import lstmsh.engine.EngineSupport;
import lstmsh.util.Format;
import lstmsh.render.LiveLine;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

@Command(
        name = "bench",
        description = {
            "Measure this machine in one run: the engine's dense matrix multiply (the",
            "practical ceiling), the bare fused LSTM forward+backward on the training",
            "shapes, and lstmsh's whole training step on the same shapes, with the ratio of",
            "the last two (target >= 1.0). --memory adds a long run that checks resident",
            "memory stays flat. Figures: bench.matmul_gflops, bench.lstm_tok_per_s,",
            "bench.train_tok_per_s, bench.train_ratio (first --hidden size; bench.hN.* for",
            "each), bench.rss_growth."
        },
        footer = {"", "Example:", "  bench", "  bench --hidden 256 --rounds 5", "  bench --hidden 256 --memory --memory-steps 5000"})
public final class BenchCommand extends WorkspaceCommand {

    @Option(names = "--hidden", paramLabel = "N[,N...]", split = ",", defaultValue = BenchSettings.DEFAULT_SMALL_HIDDEN + "," + BenchSettings.DEFAULT_LARGE_HIDDEN,
            description = "Hidden sizes to measure, each as --layers equal layers (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_LAYERS,
            description = "LSTM layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_BATCH,
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_SEQ,
            description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--embed", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_EMBED,
            description = "Embedding width, the LSTM's input (default: ${DEFAULT-VALUE}).")
    int embed;

    @Option(names = "--vocab", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_VOCAB,
            description = "Vocabulary of the random-token corpus (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_STEPS,
            description = "Timed steps per round (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_ROUNDS,
            description = "Rounds, LSTM and training step alternating; the fastest step of each is reported, medians beside (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--memory", description = "Also train --memory-steps steps and compare resident memory at a tenth of the way and at the end.")
    boolean memory;

    @Option(names = "--memory-steps", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_MEMORY_STEPS,
            description = "Steps of the memory check (default: ${DEFAULT-VALUE}).")
    int memorySteps;

    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_MATMUL_SIZE,
            description = "Side of the square matrices multiplied (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    public BenchCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        BenchSettings settings = new BenchSettings(hidden, layers, batch, seq, embed, vocab, steps, rounds, memory,
                memorySteps, matmulSize);
        workspace.cancel().reset();
        out().printf("bench: %d processors, %s engine %s%n", Runtime.getRuntime().availableProcessors(),
                EngineSupport.engine().getEngineName(), EngineSupport.engine().getVersion());
        out().flush();
        BenchReport report;
        try (LiveLine line = workspace.console().liveLine()) {
            BenchListener listener = new BenchListener() {
                @Override
                public void status(String text) {
                    line.update(text);
                }

                @Override
                public boolean cancelled() {
                    return workspace.cancel().isCancelled();
                }
            };
            report = Bench.run(settings, Bench.standard(settings), listener);
        }
        print(report);
        report.figures().forEach((name, value) -> workspace.figures().put(name, value));
    }

    private void print(BenchReport report) {
        for (BenchReport.Section section : report.sections()) {
            out().println(section.title());
            for (BenchReport.Row row : section.rows()) {
                out().printf("  %-34s %12s %-8s %s%n", row.label(), value(row), row.unit(), row.note());
            }
        }
        report.notes().forEach(n -> out().println("note: " + n));
    }

    private static String value(BenchReport.Row row) {
        double v = row.value();
        if (!Double.isFinite(v)) {
            return "-";
        }
        return switch (row.unit()) {
            case "tok/s" -> Format.count(v);
            case "" -> String.format(Locale.ROOT, "%.3f", v);
            default -> String.format(Locale.ROOT, "%.0f", v);
        };
    }
}

package lstmsh.command;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.util.Messages;
import lstmsh.render.PngChart;
import lstmsh.render.TerminalChart;
import lstmsh.session.Workspace;
import lstmsh.train.MetricPoint;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

@Command(
        name = "plot",
        description = {
            "Draw the model's training history: loss (per step, nats/token), val_loss (at",
            "each validation pass), lr (log scale) and grad_norm (before clipping). In the",
            "terminal each curve is its own chart, long runs averaged per column; --png",
            "writes one picture with a panel per unit."
        },
        footer = {"", "Example:", "  plot", "  plot lr grad_norm", "  plot loss val_loss lr --png curves.png"})
public final class PlotCommand extends WorkspaceCommand {

    enum Metric {
        loss("nats/token", MetricPoint::loss, false, false),
        val_loss("nats/token", MetricPoint::valLoss, true, false),
        lr("learning rate", MetricPoint::lr, false, true),
        grad_norm("gradient norm", MetricPoint::gradNorm, false, false);

        final String unit;
        final ToDoubleFunction<MetricPoint> value;
        final boolean sparse;
        final boolean log;

        Metric(String unit, ToDoubleFunction<MetricPoint> value, boolean sparse, boolean log) {
            this.unit = unit;
            this.value = value;
            this.sparse = sparse;
            this.log = log;
        }
    }

    static final class MetricNames extends EnumLabels {
        MetricNames() {
            super(Metric.values(), Metric::name);
        }
    }

    @Parameters(arity = "0..*", paramLabel = "SERIES", completionCandidates = MetricNames.class,
            description = "loss, val_loss, lr, grad_norm (default: loss val_loss).")
    List<String> series = new ArrayList<>();

    @Option(names = "--png", paramLabel = "FILE", description = "Write the chart to a PNG file instead of the terminal.")
    Path png;

    @Option(names = "--from", paramLabel = "STEP", defaultValue = "0", description = "First model step shown (default: ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--width", paramLabel = "N", defaultValue = "0",
            description = "Terminal chart columns, or PNG pixels (default: fits the terminal; 1000 pixels).")
    int width;

    @Option(names = "--height", paramLabel = "N", defaultValue = "0",
            description = "Terminal chart rows, or PNG pixels (default: 10 rows; 300 pixels per panel).")
    int height;

    public PlotCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() throws IOException {
        if (png != null) {
            OutputFiles.requireFileTarget(png, "--png");
        }
        workspace.requireModel();
        Set<Metric> metrics = new LinkedHashSet<>();
        for (String name : series.isEmpty() ? List.of("loss", "val_loss") : series) {
            try {
                metrics.add(Metric.valueOf(name.replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new LstmshException("'" + name + "' is not a series; use loss, val_loss, lr or grad_norm");
            }
        }
        if (width < 0 || height < 0) {
            throw new LstmshException("--width and --height must not be negative");
        }
        List<MetricPoint> points = workspace.training().history().stream().filter(p -> p.step() >= from).toList();
        if (points.isEmpty()) {
            throw new LstmshException("no training history" + (from > 0 ? " from step " + from : "")
                    + " to plot; run 'train' first (the history is kept with the model and saved with it)");
        }
        double[] xs = points.stream().mapToDouble(MetricPoint::step).toArray();
        if (png != null) {
            writePng(metrics, points, xs);
            return;
        }
        int columns = width > 0 ? width : Math.max(20, Math.min(100, workspace.console().width() - 14));
        int rows = height > 0 ? height : 10;
        for (Metric m : metrics) {
            double[] ys = points.stream().mapToDouble(m.value).toArray();
            double[][] shown = m.sparse ? new double[][] {xs, ys} : TerminalChart.downsample(xs, ys, columns * 2);
            String title = m.name() + " (" + m.unit + (m.log ? ", log scale" : "") + ")" + summary(ys);
            TerminalChart.render(title, shown[0], shown[1], columns, rows, m.log).forEach(out()::println);
        }
    }

    private static String summary(double[] ys) {
        double last = Double.NaN;
        double min = Double.POSITIVE_INFINITY;
        for (double y : ys) {
            if (Double.isFinite(y)) {
                last = y;
                min = Math.min(min, y);
            }
        }
        return Double.isNaN(last) ? "" : String.format(": last %.4g, min %.4g", last, min);
    }

    private void writePng(Set<Metric> metrics, List<MetricPoint> points, double[] xs) throws IOException {
        List<PngChart.Panel> panels = new ArrayList<>();
        List<PngChart.Series> losses = new ArrayList<>();
        for (Metric m : metrics) {
            double[] ys = points.stream().mapToDouble(m.value).toArray();
            PngChart.Series s = new PngChart.Series(m.name(), xs, ys, m.sparse);
            if (m == Metric.loss || m == Metric.val_loss) {
                losses.add(s);
            } else {
                panels.add(new PngChart.Panel(m.unit, m.log, List.of(s)));
            }
        }
        if (!losses.isEmpty()) {
            panels.add(0, new PngChart.Panel("nats/token", false, losses));
        }
        int w = width > 0 ? width : 1000;
        int h = height > 0 ? height : 120 + 300 * panels.size();
        Path missing = OutputFiles.missingFolder(png);
        String title = "lstmsh training, " + workspace.modelCorpusSource() + " (steps " + (long) xs[0] + "–"
                + (long) xs[xs.length - 1] + ")";
        try {
            PngChart.write(png, title, panels, w, h);
        } catch (IOException e) {
            throw new LstmshException("cannot write " + png + ": " + FileErrors.reason(e));
        } catch (Error | RuntimeException e) {
            throw new LstmshException("cannot draw the PNG (" + Messages.plain(e, "the graphics library failed")
                    + "); this Java may lack fonts or AWT; 'plot' without --png draws in the terminal");
        }
        out().printf("wrote %s (%d × %d pixels, %d steps)%s%n", png, w, h, points.size(),
                OutputFiles.createdNote(missing));
    }
}

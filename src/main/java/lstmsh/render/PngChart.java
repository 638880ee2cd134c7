package lstmsh.render;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

import lstmsh.util.AtomicFiles;
import java.util.List;

/** Training curves as a PNG, drawn by JFreeChart: one panel per group of series sharing a unit. */
public final class PngChart {

    /** One curve; {@code markers} draws points (for sparse series such as validation). */
    public record Series(String name, double[] xs, double[] ys, boolean markers) {}

    /** Distinct, print-safe colours, one per curve of the chart. */
    private static final Color[] COLORS = {
        new Color(0xD6, 0x27, 0x28), new Color(0x1F, 0x77, 0xB4), new Color(0x2C, 0xA0, 0x2C),
        new Color(0x94, 0x67, 0xBD), new Color(0xFF, 0x7F, 0x0E), new Color(0x8C, 0x56, 0x4B)};

    /** Curves drawn on one panel with one y axis. */
    public record Panel(String axisLabel, boolean logScale, List<Series> series) {}

    private PngChart() {}

    /** Writes the chart to {@code file} (beside it first, then renamed), width × height pixels. */
    public static void write(Path file, String title, List<Panel> panels, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("step"));
        plot.setGap(12);
        int color = 0;
        for (Panel panel : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
            int i = 0;
            for (Series s : panel.series()) {
                XYSeries series = new XYSeries(s.name(), false, true);
                for (int k = 0; k < s.xs().length; k++) {
                    if (Double.isFinite(s.ys()[k]) && (!panel.logScale() || s.ys()[k] > 0)) {
                        series.add(s.xs()[k], s.ys()[k]);
                    }
                }
                data.addSeries(series);
                renderer.setSeriesShapesVisible(i, s.markers());
                renderer.setSeriesLinesVisible(i, true);
                renderer.setSeriesStroke(i, new BasicStroke(s.markers() ? 2f : 1.2f));
                renderer.setSeriesPaint(i, COLORS[color++ % COLORS.length]);
                i++;
            }
            ValueAxis axis = axis(panel);
            XYPlot sub = new XYPlot(data, null, axis, renderer);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setDomainGridlinePaint(Color.LIGHT_GRAY);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.add(sub, 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, temporary -> ChartUtils.saveChartAsPNG(temporary.toFile(), chart, width, height));
    }

    /**
     * The panel's y axis. Where the values barely vary (a constant learning rate), the automatic
     * range would be a sliver whose ticks all print the same; the range is widened around them
     * instead: a decade either side on a log scale, a tenth of the value on a linear one.
     */
    static ValueAxis axis(Panel panel) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : panel.series()) {
            for (double y : s.ys()) {
                if (Double.isFinite(y) && (!panel.logScale() || y > 0)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        boolean flat = min <= max && max - min <= 1e-6 * Math.max(Math.abs(max), Double.MIN_NORMAL);
        if (panel.logScale()) {
            LogAxis log = new LogAxis(panel.axisLabel());
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.#E0"));
            if (flat) {
                log.setRange(min / 10, max * 10);
            }
            return log;
        }
        NumberAxis n = new NumberAxis(panel.axisLabel());
        n.setAutoRangeIncludesZero(false);
        if (flat) {
            double margin = Math.max(Math.abs(min) / 10, 1e-3);
            n.setRange(min - margin, max + margin);
        }
        return n;
    }
}

package lstmsh.render;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

@CoreTest
class PngPicturesTest {

    @Test
    void aConstantLearningRateGetsAnAxisWithDistinctTicks() {
        double[] xs = {1, 2, 3, 4};
        double[] ys = {2e-3, 2e-3, 2e-3, 2e-3};
        PngChart.Panel panel = new PngChart.Panel("learning rate", true, List.of(new PngChart.Series("lr", xs, ys, false)));
        XYSeries series = new XYSeries("lr");
        for (int i = 0; i < xs.length; i++) {
            series.add(xs[i], ys[i]);
        }
        ValueAxis axis = PngChart.axis(panel);
        new XYPlot(new XYSeriesCollection(series), null, axis, new XYLineAndShapeRenderer());
        // A decade either side: ticks at distinct powers of ten instead of eleven labels "2E-3".
        assertTrue(axis.getUpperBound() / axis.getLowerBound() >= 10, axis.getRange().toString());
        assertTrue(axis.getLowerBound() < 2e-3 && axis.getUpperBound() > 2e-3, axis.getRange().toString());
    }

    @Test
    void aGateHeatMapOfFewUnitsIsLargeEnoughToRead() {
        float[][] values = new float[3][4];
        BufferedImage image = HeatMap.draw("gates of layer 0", List.of("input (i)", "forget (f)", "candidate", "output (o)"),
                List.of(values, values, values, values), List.of("0 a", "1 b", "2 c"));
        assertTrue(image.getWidth() >= 4 * HeatMap.MIN_PANEL_WIDTH, image.getWidth() + " wide");
        assertTrue(image.getHeight() >= HeatMap.MIN_GRID_HEIGHT, image.getHeight() + " high");
    }
}

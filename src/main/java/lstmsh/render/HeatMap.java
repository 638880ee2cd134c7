package lstmsh.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Activations drawn as rows of shaded characters (one row per step, one column per group of
 * units) or as a PNG with one panel per matrix. Values are expected in [0, 1].
 */
public final class HeatMap {

    private static final String SHADES = " .:-=+*#%@";

    private HeatMap() {}

    /** Text rows: at most maxRows steps (evenly chosen) and maxColumns unit groups (averaged). */
    public static List<String> text(float[][] values, List<String> rowLabels, int maxRows, int maxColumns) {
        int steps = values.length;
        int units = values[0].length;
        int columns = Math.min(units, maxColumns);
        int rows = Math.min(steps, maxRows);
        int labelWidth = rowLabels.stream().mapToInt(String::length).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int step = rows == steps ? r : (int) Math.round((double) r * (steps - 1) / (rows - 1));
            StringBuilder line = new StringBuilder();
            line.append(String.format("%-" + Math.max(1, labelWidth) + "s |", rowLabels.get(step)));
            for (int c = 0; c < columns; c++) {
                int from = c * units / columns;
                int to = Math.max(from + 1, (c + 1) * units / columns);
                double sum = 0;
                for (int u = from; u < to; u++) {
                    sum += values[step][u];
                }
                line.append(shade(sum / (to - from)));
            }
            out.add(line.append('|').toString());
        }
        return out;
    }

    public static char shade(double v) {
        double clamped = Math.max(0, Math.min(1, v));
        return SHADES.charAt((int) Math.min(SHADES.length() - 1, Math.floor(clamped * SHADES.length())));
    }

    /** A PNG with the panels side by side, each units wide and steps high, titled. */
    public static void png(Path file, List<String> titles, List<float[][]> panels) throws IOException {
        int steps = panels.get(0).length;
        int units = panels.get(0)[0].length;
        int xScale = Math.max(1, Math.min(8, 400 / units));
        int yScale = Math.max(1, Math.min(24, 400 / steps));
        int gap = 12;
        int header = 20;
        int panelWidth = units * xScale;
        int width = panels.size() * panelWidth + (panels.size() + 1) * gap;
        int height = steps * yScale + header + gap;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = 0; p < panels.size(); p++) {
            int left = gap + p * (panelWidth + gap);
            g.setColor(Color.BLACK);
            g.drawString(titles.get(p), left, 14);
            float[][] values = panels.get(p);
            for (int s = 0; s < steps; s++) {
                for (int u = 0; u < units; u++) {
                    g.setColor(ramp(values[s][u]));
                    g.fillRect(left + u * xScale, header + s * yScale, xScale, yScale);
                }
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Dark blue at 0 through white at 0.5 to dark red at 1. */
    static Color ramp(double v) {
        double x = Math.max(0, Math.min(1, v));
        if (x < 0.5) {
            double t = x / 0.5;
            return new Color((int) (255 * t), (int) (255 * t), (int) (120 + 135 * t));
        }
        double t = (x - 0.5) / 0.5;
        return new Color((int) (255 - 105 * t), (int) (255 * (1 - t)), (int) (255 * (1 - t)));
    }
}

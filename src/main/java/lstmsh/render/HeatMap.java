package lstmsh.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import lstmsh.util.AtomicFiles;

/**
 * Activations drawn as rows of shaded characters (one row per step, one column per group of
 * units) or as a labelled PNG with one panel per matrix. Values are expected in [0, 1].
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

    /** Smallest drawn size of a panel's grid, so a model of a few units still gives a readable picture. */
    static final int MIN_PANEL_WIDTH = 160;
    static final int MIN_GRID_HEIGHT = 160;

    /**
     * A PNG heat map: the panels side by side, one row per step labelled with its token (as the
     * terminal heat map labels them), one column per unit with a unit axis, a colour bar for the
     * scale and a title over all.
     */
    public static void png(Path file, String title, List<String> titles, List<float[][]> panels,
            List<String> rowLabels) throws IOException {
        BufferedImage image = draw(title, titles, panels, rowLabels);
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer in this Java");
            }
        });
    }

    static BufferedImage draw(String title, List<String> titles, List<float[][]> panels, List<String> rowLabels) {
        int steps = panels.get(0).length;
        int units = panels.get(0)[0].length;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font titleFont = font.deriveFont(Font.BOLD, 14f);
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(font);
        int cell = Math.max(Math.max(1, Math.min(12, 400 / units)), ceilDiv(MIN_PANEL_WIDTH, units));
        int row = Math.max(Math.max(1, Math.min(16, 480 / steps)), Math.min(24, ceilDiv(MIN_GRID_HEIGHT, steps)));
        int titleWidth = titles.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 8;
        int panelWidth = Math.max(units * cell, titleWidth);
        int gridHeight = steps * row;
        // Label every k-th row, so labels never overlap.
        int labelEvery = ceilDiv(metrics.getHeight(), row);
        int labelWidth = rowLabels.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 10;
        int gap = 16;
        int top = 56;
        int barWidth = 14;
        int left = gap + labelWidth;
        int width = left + panels.size() * (panelWidth + gap) + barWidth + 48;
        int height = top + gridHeight + 48;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, gap, 20);
        g.setFont(font);
        for (int s = 0; s < steps; s += labelEvery) {
            int y = top + s * row + row / 2 + metrics.getAscent() / 2 - 1;
            g.drawString(rowLabels.get(s), gap + labelWidth - 10 - metrics.stringWidth(rowLabels.get(s)), y);
        }
        int tickEvery = niceStep(units, Math.max(1, panelWidth / 40));
        for (int p = 0; p < panels.size(); p++) {
            int x0 = left + p * (panelWidth + gap);
            int unitWidth = panelWidth / units;
            g.setColor(Color.BLACK);
            g.drawString(titles.get(p), x0, top - 8);
            float[][] values = panels.get(p);
            for (int s = 0; s < steps; s++) {
                for (int u = 0; u < units; u++) {
                    g.setColor(ramp(values[s][u]));
                    g.fillRect(x0 + u * unitWidth, top + s * row, unitWidth, row);
                }
            }
            g.setColor(Color.BLACK);
            for (int u = 0; u < units; u += tickEvery) {
                int x = x0 + u * unitWidth + unitWidth / 2;
                g.drawLine(x, top + gridHeight, x, top + gridHeight + 4);
                String label = Integer.toString(u);
                g.drawString(label, x - metrics.stringWidth(label) / 2, top + gridHeight + 16);
            }
            g.drawString("unit", x0 + (units * unitWidth - metrics.stringWidth("unit")) / 2, top + gridHeight + 32);
        }
        int barX = left + panels.size() * (panelWidth + gap);
        for (int y = 0; y < gridHeight; y++) {
            g.setColor(ramp(1 - (double) y / Math.max(1, gridHeight - 1)));
            g.drawLine(barX, top + y, barX + barWidth, top + y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(barX, top, barWidth, gridHeight);
        g.drawString("1", barX + barWidth + 4, top + metrics.getAscent());
        g.drawString("0.5", barX + barWidth + 4, top + gridHeight / 2 + metrics.getAscent() / 2);
        g.drawString("0", barX + barWidth + 4, top + gridHeight);
        g.drawString("step", gap, top - 8);
        g.dispose();
        return image;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** A tick step of 1, 2 or 5 × a power of ten giving at most {@code maxTicks} ticks. */
    private static int niceStep(int units, int maxTicks) {
        for (int base = 1; ; base *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (units <= (long) m * base * maxTicks) {
                    return m * base;
                }
            }
        }
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

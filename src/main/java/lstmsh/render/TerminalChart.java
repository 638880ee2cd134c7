package lstmsh.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn with Unicode braille cells (2 × 4 dots each), so a terminal of 70 columns
 * shows 140 points across; a y axis with the range on the left and the x range below.
 */
public final class TerminalChart {

    private static final int BRAILLE = 0x2800;
    /** Dot bits of a braille cell by [column][row]. */
    private static final int[][] DOT = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

    private TerminalChart() {}

    /**
     * @param xs ascending x values
     * @param ys values, NaN where missing (skipped; the line joins the points around them)
     * @param width plot columns (characters)
     * @param height plot rows (characters)
     * @param logScale plot log10(y), e.g. for a learning rate
     */
    public static List<String> render(String title, double[] xs, double[] ys, int width, int height, boolean logScale) {
        List<String> lines = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (int i = 0; i < xs.length; i++) {
            double y = value(ys[i], logScale);
            if (Double.isFinite(y)) {
                xMin = Math.min(xMin, xs[i]);
                xMax = Math.max(xMax, xs[i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
                points++;
            }
        }
        lines.add(title);
        if (points == 0) {
            lines.add("  (no values yet)");
            return lines;
        }
        if (yMax == yMin) {
            yMax += 0.5;
            yMin -= 0.5;
        }
        if (xMax == xMin) {
            xMax += 1;
        }
        int dotsX = width * 2;
        int dotsY = height * 4;
        int[][] cells = new int[height][width];
        int px = -1;
        int py = -1;
        for (int i = 0; i < xs.length; i++) {
            double y = value(ys[i], logScale);
            if (!Double.isFinite(y)) {
                continue;
            }
            int dx = (int) Math.round((xs[i] - xMin) / (xMax - xMin) * (dotsX - 1));
            int dy = (int) Math.round((yMax - y) / (yMax - yMin) * (dotsY - 1));
            if (px >= 0) {
                line(cells, px, py, dx, dy);
            } else {
                dot(cells, dx, dy);
            }
            px = dx;
            py = dy;
        }
        String top = label(yMax, logScale);
        String bottom = label(yMin, logScale);
        int margin = Math.max(top.length(), bottom.length());
        for (int r = 0; r < height; r++) {
            String axis = r == 0 ? top : r == height - 1 ? bottom : "";
            StringBuilder s = new StringBuilder();
            s.append(" ".repeat(margin - axis.length())).append(axis).append(" ┤");
            for (int c = 0; c < width; c++) {
                s.appendCodePoint(BRAILLE + cells[r][c]);
            }
            lines.add(s.toString());
        }
        String left = "step " + (long) xMin;
        String right = Long.toString((long) xMax);
        lines.add(" ".repeat(margin + 2) + left + " ".repeat(Math.max(1, width - left.length() - right.length())) + right);
        return lines;
    }

    /**
     * Means of consecutive buckets, so that a noisy series of thousands of steps reads as a
     * curve; NaN values are left out of their bucket's mean. Returns {xs, ys}.
     */
    public static double[][] downsample(double[] xs, double[] ys, int buckets) {
        int finite = 0;
        for (double y : ys) {
            if (Double.isFinite(y)) {
                finite++;
            }
        }
        if (finite <= buckets) {
            return new double[][] {xs, ys};
        }
        double[] ox = new double[buckets];
        double[] oy = new double[buckets];
        double[] sx = new double[buckets];
        double[] sy = new double[buckets];
        int[] n = new int[buckets];
        int k = 0;
        for (int i = 0; i < xs.length; i++) {
            if (Double.isFinite(ys[i])) {
                int b = (int) ((long) k * buckets / finite);
                sx[b] += xs[i];
                sy[b] += ys[i];
                n[b]++;
                k++;
            }
        }
        for (int b = 0; b < buckets; b++) {
            ox[b] = n[b] == 0 ? Double.NaN : sx[b] / n[b];
            oy[b] = n[b] == 0 ? Double.NaN : sy[b] / n[b];
        }
        return new double[][] {ox, oy};
    }

    private static double value(double y, boolean log) {
        return log ? (y > 0 ? Math.log10(y) : Double.NaN) : y;
    }

    private static String label(double v, boolean log) {
        double shown = log ? Math.pow(10, v) : v;
        return Math.abs(shown) >= 0.01 && Math.abs(shown) < 1e5
                ? String.format(Locale.ROOT, "%.4g", shown)
                : String.format(Locale.ROOT, "%.2e", shown);
    }

    private static void dot(int[][] cells, int x, int y) {
        int row = y / 4;
        int col = x / 2;
        if (row >= 0 && row < cells.length && col >= 0 && col < cells[0].length) {
            cells[row][col] |= DOT[x % 2][y % 4];
        }
    }

    /** Bresenham's line between two dots. */
    private static void line(int[][] cells, int x0, int y0, int x1, int y1) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            dot(cells, x0, y0);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }
}

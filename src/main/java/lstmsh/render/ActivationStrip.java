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
 * A text shaded by one unit's activation in [-1, 1], token by token: blue for negative, white
 * for zero, red for positive (as Karpathy's cell pictures). Plain terminals get the text with
 * a row of digits under it, 0 for -1 through 9 for +1.
 */
public final class ActivationStrip {

    private static final String RESET = "\u001b[0m";

    private ActivationStrip() {}

    /** How a piece shows on one line: newlines and tabs made visible. */
    static String shown(String piece) {
        return piece.replace("\n", "↵").replace("\t", "→");
    }

    /** The digit for a value: 0 at -1, 9 at +1. */
    public static char digit(double value) {
        double x = Math.max(-1, Math.min(1, value));
        return (char) ('0' + (int) Math.round((x + 1) / 2 * 9));
    }

    /** Lines of the text, each token on the background of its value (ANSI 256 colours). */
    public static List<String> coloured(List<String> pieces, float[] values, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (int t = 0; t < pieces.size(); t++) {
            String piece = shown(pieces.get(t));
            if (used > 0 && used + piece.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append("\u001b[30;48;5;").append(cube(values[t])).append('m').append(piece).append(RESET);
            used += piece.length();
            if (pieces.get(t).contains("\n")) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
        }
        if (used > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Pairs of lines: the text, and under each character the digit of its token's value. */
    public static List<String> numeric(List<String> pieces, float[] values, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        for (int t = 0; t < pieces.size(); t++) {
            String piece = shown(pieces.get(t));
            if (text.length() > 0 && text.length() + piece.length() > width) {
                flush(lines, text, digits);
            }
            text.append(piece);
            digits.append(String.valueOf(digit(values[t])).repeat(piece.length()));
            if (pieces.get(t).contains("\n")) {
                flush(lines, text, digits);
            }
        }
        if (text.length() > 0) {
            flush(lines, text, digits);
        }
        return lines;
    }

    private static void flush(List<String> lines, StringBuilder text, StringBuilder digits) {
        lines.add(text.toString());
        lines.add(digits.toString());
        text.setLength(0);
        digits.setLength(0);
    }

    /** A colour of the 6×6×6 ANSI cube: white at 0, full blue at -1, full red at +1. */
    static int cube(double value) {
        double x = Math.max(-1, Math.min(1, value));
        int k = (int) Math.round(Math.abs(x) * 5);
        int r = x < 0 ? 5 - k : 5;
        int g = 5 - k;
        int b = x < 0 ? 5 : 5 - k;
        return 16 + 36 * r + 6 * g + b;
    }

    /** The text drawn in lines of at most {@code width} characters, each token on its value's colour. */
    public static void png(Path file, String title, List<String> pieces, float[] values, int width) throws IOException {
        BufferedImage image = draw(title, pieces, values, width);
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer in this Java");
            }
        });
    }

    static BufferedImage draw(String title, List<String> pieces, float[] values, int width) {
        Font font = new Font(Font.MONOSPACED, Font.PLAIN, 14);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(font);
        int cell = metrics.charWidth('m');
        int row = metrics.getHeight() + 4;
        // Place every token first: (line, column) of its first character.
        List<int[]> places = new ArrayList<>();
        int lineNo = 0;
        int column = 0;
        for (String raw : pieces) {
            String piece = shown(raw);
            if (column > 0 && column + piece.length() > width) {
                lineNo++;
                column = 0;
            }
            places.add(new int[] {lineNo, column});
            column += piece.length();
            if (raw.contains("\n")) {
                lineNo++;
                column = 0;
            }
        }
        int lines = column > 0 ? lineNo + 1 : Math.max(1, lineNo);
        int margin = 16;
        int top = 40;
        int imageWidth = 2 * margin + width * cell + 80;
        int imageHeight = top + lines * row + 48;
        BufferedImage image = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, imageWidth, imageHeight);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, margin, 24);
        g.setFont(font);
        for (int t = 0; t < pieces.size(); t++) {
            String piece = shown(pieces.get(t));
            int x = margin + places.get(t)[1] * cell;
            int y = top + places.get(t)[0] * row;
            g.setColor(HeatMap.ramp((values[t] + 1) / 2));
            g.fillRect(x, y, piece.length() * cell, row);
            g.setColor(Color.BLACK);
            g.drawString(piece, x, y + metrics.getAscent() + 2);
        }
        int barY = top + lines * row + 16;
        for (int x = 0; x < 200; x++) {
            g.setColor(HeatMap.ramp(x / 199.0));
            g.drawLine(margin + x, barY, margin + x, barY + 12);
        }
        g.setColor(Color.BLACK);
        g.drawRect(margin, barY, 200, 12);
        g.drawString("-1", margin, barY + 28);
        g.drawString("0", margin + 96, barY + 28);
        g.drawString("+1", margin + 186, barY + 28);
        g.dispose();
        return image;
    }
}

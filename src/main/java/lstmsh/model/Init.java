package lstmsh.model;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How weight matrices start: {@code xavier} (Glorot uniform, each LSTM gate counted on its own),
 * {@code normal:STD} (mean 0) or {@code uniform:LOW,HIGH}. Biases start at zero apart from the
 * forget gate's, which {@link ModelSettings#forgetBias()} sets.
 */
public record Init(Kind kind, double a, double b) {

    public enum Kind { XAVIER, NORMAL, UNIFORM }

    public static final Init XAVIER = new Init(Kind.XAVIER, 0, 0);

    public Init {
        if (kind == Kind.NORMAL && !(a > 0 && Double.isFinite(a))) {
            throw new IllegalArgumentException("--init normal:STD needs a positive STD, got " + a);
        }
        if (kind == Kind.UNIFORM && !(a < b && Double.isFinite(a) && Double.isFinite(b))) {
            throw new IllegalArgumentException("--init uniform:LOW,HIGH needs LOW < HIGH, got " + a + "," + b);
        }
    }

    /** Reads {@code xavier}, {@code normal:0.02} or {@code uniform:0,0.001}. */
    public static Init parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("xavier") || t.equals("glorot")) {
                return XAVIER;
            }
            if (t.startsWith("normal:")) {
                return new Init(Kind.NORMAL, Double.parseDouble(t.substring(7)), 0);
            }
            if (t.startsWith("uniform:")) {
                String[] range = t.substring(8).split(",");
                if (range.length == 2) {
                    return new Init(Kind.UNIFORM, Double.parseDouble(range[0]), Double.parseDouble(range[1]));
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not an initialisation; use xavier, normal:STD or uniform:LOW,HIGH (e.g. uniform:0,0.001)");
    }

    /** The text {@link #parse} reads back, as checkpoints store it. */
    @Override
    public String toString() {
        return switch (kind) {
            case XAVIER -> "xavier";
            case NORMAL -> "normal:" + number(a);
            case UNIFORM -> "uniform:" + number(a) + "," + number(b);
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Values for one weight matrix of {@code rows × cols}; {@code gates} is 4 for an LSTM matrix
     * (four stacked gates), 1 otherwise.
     */
    float[] values(long rows, long cols, int gates, SplittableRandom random) {
        float[] values = new float[(int) (rows * cols)];
        switch (kind) {
            case XAVIER -> {
                double limit = Math.sqrt(6.0 / (cols + rows / gates));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            case NORMAL -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian(random) * a);
                }
            }
            case UNIFORM -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (a + random.nextDouble() * (b - a));
                }
            }
        }
        return values;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

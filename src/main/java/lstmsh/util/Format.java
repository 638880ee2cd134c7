package lstmsh.util;

/** Numbers as the shell prints them. */
public final class Format {

    private Format() {}

    /** 95s, 3m05s, 1h02m. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** 1234567 as 1.23M, 45210 as 45.2k. */
    public static String count(double n) {
        if (Math.abs(n) >= 1e9) {
            return String.format("%.2fG", n / 1e9);
        }
        if (Math.abs(n) >= 1e6) {
            return String.format("%.2fM", n / 1e6);
        }
        if (Math.abs(n) >= 1e4) {
            return String.format("%.1fk", n / 1e3);
        }
        return String.format("%.0f", n);
    }

    public static String loss(double nats) {
        return Double.isFinite(nats) ? String.format("%.4f", nats) : "-";
    }

    public static String bits(double nats) {
        return Double.isFinite(nats) ? String.format("%.3f", nats / Math.log(2)) : "-";
    }
}

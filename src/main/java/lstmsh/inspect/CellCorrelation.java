package lstmsh.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pearson correlation of every unit's h and c with every track: which units follow the quotes,
 * the line position, the bracket depth, and how many units follow anything at all.
 */
public final class CellCorrelation {

    /** A unit whose h or c correlates at least this strongly with some track counts as tracking it. */
    public static final double TRACKING_R = 0.5;
    /** Best units listed per track. */
    public static final int BEST = 3;

    private CellCorrelation() {}

    public enum State { H, C }

    /** A unit's state and its correlation with a track. */
    public record UnitScore(int layer, int unit, State state, double r) {
        public String label() {
            return layer + ":" + unit;
        }
    }

    public record TrackResult(CellTracks.Track track, List<UnitScore> best) {
        public double bestR() {
            return best.isEmpty() ? 0 : best.get(0).r();
        }
    }

    /**
     * @param absent tracks that never change in this text (no correlation defined)
     * @param tracking units whose h or c reaches {@link #TRACKING_R} with some track
     */
    public record Report(int steps, int units, int tracking, List<TrackResult> tracks, List<String> absent) {

        public double trackingShare() {
            return units == 0 ? 0 : (double) tracking / units;
        }

        /** The strongest |r| over all tracks. */
        public double bestR() {
            return tracks.stream().mapToDouble(t -> Math.abs(t.bestR())).max().orElse(0);
        }
    }

    public static Report of(CellStates.Recording recording, List<CellTracks.Track> tracks) {
        List<float[]> series = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        for (CellStates.Layer layer : recording.layers()) {
            for (int u = 0; u < layer.hidden(); u++) {
                series.add(layer.h()[u]);
                owners.add(new int[] {layer.index(), u, 0});
                series.add(layer.c()[u]);
                owners.add(new int[] {layer.index(), u, 1});
            }
        }
        double[] spread = new double[series.size()];
        for (int s = 0; s < series.size(); s++) {
            spread[s] = centredNorm(series.get(s));
        }
        int totalUnits = series.size() / 2;
        boolean[] tracking = new boolean[totalUnits];
        List<TrackResult> results = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (CellTracks.Track track : tracks) {
            if (!track.varies()) {
                absent.add(track.name());
                continue;
            }
            double[] z = standardised(track.values());
            List<UnitScore> scores = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                double r = spread[s] == 0 ? 0 : dot(series.get(s), z) / spread[s];
                int[] owner = owners.get(s);
                scores.add(new UnitScore(owner[0], owner[1], owner[2] == 0 ? State.H : State.C, r));
                if (Math.abs(r) >= TRACKING_R) {
                    tracking[s / 2] = true;
                }
            }
            scores.sort(Comparator.comparingDouble((UnitScore u) -> -Math.abs(u.r()))
                    .thenComparingInt(UnitScore::layer).thenComparingInt(UnitScore::unit));
            List<UnitScore> best = new ArrayList<>();
            for (UnitScore score : scores) {
                if (best.size() == BEST) {
                    break;
                }
                // One entry per unit: its h or its c, whichever follows the track better.
                if (best.stream().noneMatch(b -> b.layer() == score.layer() && b.unit() == score.unit())) {
                    best.add(score);
                }
            }
            results.add(new TrackResult(track, best));
        }
        int count = 0;
        for (boolean b : tracking) {
            count += b ? 1 : 0;
        }
        return new Report(recording.steps(), totalUnits, count, results, absent);
    }

    /** A track and how strongly (|r|, h or c) a unit follows it. */
    public record Followed(CellTracks.Track track, double r) {}

    /** The track this unit's h or c follows best; null when no track changes in the text. */
    public static Followed followedBy(CellStates.Recording recording, List<CellTracks.Track> tracks, int layer, int unit) {
        Followed best = null;
        for (CellTracks.Track track : tracks) {
            if (!track.varies()) {
                continue;
            }
            double[] z = standardised(track.values());
            double r = 0;
            for (float[] series : List.of(recording.layer(layer).h()[unit], recording.layer(layer).c()[unit])) {
                double spread = centredNorm(series);
                r = Math.max(r, spread == 0 ? 0 : Math.abs(dot(series, z) / spread));
            }
            if (best == null || r > best.r()) {
                best = new Followed(track, r);
            }
        }
        return best;
    }

    /** Values minus their mean, scaled to unit length. */
    static double[] standardised(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double norm = 0;
        double[] z = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            z[i] = values[i] - mean;
            norm += z[i] * z[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < z.length; i++) {
            z[i] /= norm;
        }
        return z;
    }

    private static double centredNorm(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (float v : values) {
            sum += (v - mean) * (v - mean);
        }
        // Below rounding noise a unit is constant: no correlation.
        return sum < 1e-12 * values.length ? 0 : Math.sqrt(sum);
    }

    /** Dot product with a centred unit vector: the centred covariance, since z sums to zero. */
    private static double dot(float[] x, double[] z) {
        double a = 0;
        double b = 0;
        int i = 0;
        for (; i + 1 < x.length; i += 2) {
            a += x[i] * z[i];
            b += x[i + 1] * z[i + 1];
        }
        for (; i < x.length; i++) {
            a += x[i] * z[i];
        }
        return a + b;
    }
}

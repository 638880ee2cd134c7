package lstmsh.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * LSTMVis's select-and-match (Strobelt, Gehrmann, Pfister, Rush): the units whose h is on
 * (at or above a threshold) at every step of a selected span, then the other stretches of the
 * text where those units are on, ranked by units shared, then fewest extra units on, then
 * length closest to the selection's.
 */
public final class StateMatch {

    /** With no threshold given, this share of all h values is at or above the one chosen. */
    public static final double ON_SHARE = 0.1;

    private StateMatch() {}

    /** A unit of a layer. */
    public record Unit(int layer, int unit) {
        public String label() {
            return layer + ":" + unit;
        }
    }

    /**
     * One stretch [start, end) where at least half of the selected units are on at every step.
     *
     * @param shared selected units on throughout the stretch
     * @param extra other units on throughout it
     * @param jaccard shared over the union of selected and on-throughout units
     */
    public record Match(int start, int end, int shared, int extra, double jaccard) {
        public int length() {
            return end - start;
        }
    }

    /**
     * @param chosen true when the threshold was chosen from the activations
     * @param matches every match, best first
     */
    public record Report(double threshold, boolean chosen, List<Unit> units, List<Unit> selected, int spanStart,
            int spanEnd, List<Match> matches) {
    }

    /** The h value with {@link #ON_SHARE} of the layers' values at or above it, to two decimals. */
    public static double chooseThreshold(CellStates.Recording recording, List<Integer> layers) {
        int total = 0;
        for (int l : layers) {
            total += recording.layer(l).hidden() * recording.steps();
        }
        // A strided sample is plenty to place a percentile.
        int stride = Math.max(1, total / 1_000_000);
        float[] sample = new float[total / stride + 1];
        int n = 0;
        int i = 0;
        for (int l : layers) {
            for (float[] unit : recording.layer(l).h()) {
                for (float v : unit) {
                    if (i++ % stride == 0) {
                        sample[n++] = v;
                    }
                }
            }
        }
        Arrays.sort(sample, 0, n);
        double value = sample[Math.min(n - 1, (int) Math.floor((1 - ON_SHARE) * n))];
        return Math.round(value * 100) / 100.0;
    }

    /**
     * @param offBefore also require the selected units to be off at the step before the span
     */
    public static Report of(CellStates.Recording recording, List<Integer> layers, double threshold, boolean chosen,
            int spanStart, int spanEnd, boolean offBefore) {
        List<Unit> units = new ArrayList<>();
        for (int l : layers) {
            for (int u = 0; u < recording.layer(l).hidden(); u++) {
                units.add(new Unit(l, u));
            }
        }
        int steps = recording.steps();
        BitSet[] on = new BitSet[steps];
        for (int t = 0; t < steps; t++) {
            on[t] = new BitSet(units.size());
        }
        for (int k = 0; k < units.size(); k++) {
            float[] h = recording.layer(units.get(k).layer()).h()[units.get(k).unit()];
            for (int t = 0; t < steps; t++) {
                if (h[t] >= threshold) {
                    on[t].set(k);
                }
            }
        }
        BitSet selected = (BitSet) on[spanStart].clone();
        for (int t = spanStart + 1; t < spanEnd; t++) {
            selected.and(on[t]);
        }
        if (offBefore && spanStart > 0) {
            selected.andNot(on[spanStart - 1]);
        }
        List<Unit> chosenUnits = selected.stream().mapToObj(units::get).toList();
        List<Match> matches = selected.isEmpty() ? List.of()
                : matches(on, selected, spanStart, spanEnd);
        return new Report(threshold, chosen, units, chosenUnits, spanStart, spanEnd, matches);
    }

    /**
     * Maximal stretches where at least k selected units are on at every step, for every k from all
     * of them down to half: a stretch of a few fully matching steps inside a longer one where only
     * some units stay on is found as itself.
     */
    private static List<Match> matches(BitSet[] on, BitSet selected, int spanStart, int spanEnd) {
        int size = selected.cardinality();
        int need = (size + 1) / 2;
        int spanLength = spanEnd - spanStart;
        int[] count = new int[on.length];
        for (int t = 0; t < on.length; t++) {
            count[t] = sharedCount(on[t], selected);
        }
        Set<Long> seen = new HashSet<>();
        List<Match> matches = new ArrayList<>();
        for (int k = size; k >= need; k--) {
            int t = 0;
            while (t < on.length) {
                if (count[t] < k) {
                    t++;
                    continue;
                }
                int start = t;
                BitSet throughout = (BitSet) on[t].clone();
                while (t < on.length && count[t] >= k) {
                    throughout.and(on[t]);
                    t++;
                }
                boolean isSelection = start < spanEnd && t > spanStart;
                int shared = sharedCount(throughout, selected);
                if (!isSelection && shared >= need && seen.add((long) start * on.length + t)) {
                    BitSet union = (BitSet) throughout.clone();
                    union.or(selected);
                    matches.add(new Match(start, t, shared, throughout.cardinality() - shared,
                            (double) shared / union.cardinality()));
                }
            }
        }
        matches.sort(Comparator.comparingInt((Match m) -> -m.shared()).thenComparingInt(Match::extra)
                .thenComparingInt(m -> Math.abs(m.length() - spanLength)).thenComparingInt(Match::start));
        return matches;
    }

    private static int sharedCount(BitSet a, BitSet b) {
        BitSet both = (BitSet) a.clone();
        both.and(b);
        return both.cardinality();
    }
}

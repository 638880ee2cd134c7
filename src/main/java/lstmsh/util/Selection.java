package lstmsh.util;

import java.util.SplittableRandom;

/** Order statistics without a full sort. */
public final class Selection {

    private Selection() {}

    /**
     * The k-th smallest value (0-based) by quickselect with seeded random pivots, so the same
     * input always takes the same path; reorders {@code a}.
     */
    public static double kthSmallest(double[] a, int k) {
        if (k < 0 || k >= a.length) {
            throw new IllegalArgumentException("k = " + k + " outside 0.." + (a.length - 1));
        }
        int lo = 0;
        int hi = a.length - 1;
        SplittableRandom pivots = new SplittableRandom(a.length);
        while (lo < hi) {
            double pivot = a[lo + pivots.nextInt(hi - lo + 1)];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /** The k-th largest value (1-based); leaves {@code values} as it was. */
    public static double kthLargest(double[] values, int k) {
        return kthSmallest(values.clone(), values.length - k);
    }
}

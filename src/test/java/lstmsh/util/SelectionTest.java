package lstmsh.util;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@CoreTest
class SelectionTest {

    @Test
    void everyOrderStatisticMatchesASort() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 3, 10, 101}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(20); // ties on purpose
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < n; k++) {
                assertEquals(sorted[k], Selection.kthSmallest(values.clone(), k), "n=" + n + " k=" + k);
                assertEquals(sorted[n - 1 - k], Selection.kthLargest(values, k + 1), "n=" + n + " k=" + (k + 1));
            }
        }
    }

    @Test
    void kthLargestLeavesItsInputAlone() {
        double[] values = {3, 1, 2};
        assertEquals(3, Selection.kthLargest(values, 1));
        assertArrayEquals(new double[] {3, 1, 2}, values);
    }

    @Test
    void anIndexOutsideTheArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Selection.kthSmallest(new double[] {1, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> Selection.kthLargest(new double[] {1, 2}, 0));
    }
}

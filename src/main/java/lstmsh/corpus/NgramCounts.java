package lstmsh.corpus;

/**
 * The n-grams of one order as an open-addressing table. An n-gram's key packs its tokens (id + 1,
 * {@code bits} each), so keys are exact and the key of its prefix or suffix is a shift or a mask.
 * Besides its count, each n-gram holds what Kneser-Ney needs when it is the context of the next
 * order (how often something follows it, and how many different tokens do) and when it is a
 * lower order (how many different tokens precede it). The empty n-gram, key 0, has its own slot.
 */
final class NgramCounts {

    private long[] keys;
    /** Occurrences. */
    int[] count;
    /** Occurrences followed by a counted token, and distinct tokens that follow. */
    int[] followSum;
    int[] followDistinct;
    /** Distinct tokens that precede it (its continuation count). */
    int[] preceders;
    /** Sum of the continuation counts of the n-grams it is the prefix of, and how many of those are above 0. */
    int[] precedersSum;
    int[] precededDistinct;
    private int size;
    private boolean emptyPresent;
    boolean added;

    NgramCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity + 1];
        count = new int[capacity + 1];
        followSum = new int[capacity + 1];
        followDistinct = new int[capacity + 1];
        preceders = new int[capacity + 1];
        precedersSum = new int[capacity + 1];
        precededDistinct = new int[capacity + 1];
    }

    /** Distinct n-grams held. */
    int size() {
        return size;
    }

    /** The slot of {@code key}, or -1 when absent. */
    int find(long key) {
        int zero = keys.length - 1;
        if (key == 0) {
            return emptyPresent ? zero : -1;
        }
        int mask = zero - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return i;
            }
            if (keys[i] == 0) {
                return -1;
            }
        }
    }

    /** The slot of {@code key}, added when absent ({@link #added} says which). */
    int slot(long key) {
        int zero = keys.length - 1;
        if (key == 0) {
            added = !emptyPresent;
            if (added) {
                emptyPresent = true;
                size++;
            }
            return zero;
        }
        if ((size + 1) * 4L > zero * 3L) {
            grow();
            zero = keys.length - 1;
        }
        int mask = zero - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                added = false;
                return i;
            }
            if (keys[i] == 0) {
                keys[i] = key;
                size++;
                added = true;
                return i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[][] old = {count, followSum, followDistinct, preceders, precedersSum, precededDistinct};
        allocate((oldKeys.length - 1) * 2);
        int mask = keys.length - 2;
        int[][] now = {count, followSum, followDistinct, preceders, precedersSum, precededDistinct};
        for (int j = 0; j < oldKeys.length - 1; j++) {
            long key = oldKeys[j];
            if (key != 0) {
                int i = mix(key) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                for (int a = 0; a < now.length; a++) {
                    now[a][i] = old[a][j];
                }
            }
        }
        int zeroOld = oldKeys.length - 1;
        int zeroNew = keys.length - 1;
        for (int a = 0; a < now.length; a++) {
            now[a][zeroNew] = old[a][zeroOld];
        }
    }

    /**
     * The discount for these counts (raw occurrences, or continuation counts when
     * {@code continuation}): n1 / (n1 + 2 n2), n_k being how many n-grams have count k.
     */
    double discount(boolean continuation) {
        long n1 = 0;
        long n2 = 0;
        int[] c = continuation ? preceders : count;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 || (i == keys.length - 1 && emptyPresent)) {
                if (c[i] == 1) {
                    n1++;
                } else if (c[i] == 2) {
                    n2++;
                }
            }
        }
        return n1 + 2 * n2 == 0 ? NgramBaseline.FALLBACK_DISCOUNT
                : Math.min(NgramBaseline.MAX_DISCOUNT, Math.max(NgramBaseline.MIN_DISCOUNT, (double) n1 / (n1 + 2 * n2)));
    }

    private static int mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        key *= 0xc4ceb9fe1a85ec53L;
        key ^= key >>> 33;
        return (int) key;
    }
}

package lstmsh.corpus;

import lstmsh.util.Selection;

import java.util.Arrays;

/**
 * Measures a token stream chunk by chunk as it goes by: the longest run of each token, and how
 * lines end. Line endings are counted with the Misra–Gries summary, so memory stays fixed
 * however many lines there are; the count of the most common ending is exact while fewer than
 * {@link #ENDING_SLOTS} distinct endings were seen, and otherwise at most lines / {@link
 * #ENDING_SLOTS} low (the summary takes the median count off every ending when it is full). Counts come from the encoder, which has them already.
 */
final class StatsBuilder {

    static final int ENDING_SLOTS = 4096;

    private final int[] longest;
    private final int newline;
    private final int unk;
    private final int endingLength;
    /** The last {@code endingLength} ids before the current chunk. */
    private final int[] ring;
    private final int ringMask;
    private int ringPos;
    private final int[] scratch;
    /** Bits per id when an ending's ids fit in one long (then the key is the ending itself), else 0. */
    private final int idBits;
    private long position;
    private long lastNewline = -1;
    private long lines;
    private int previous = -1;
    private int run;

    private final long[] keys = new long[2 * ENDING_SLOTS];
    private final long[] slotCounts = new long[2 * ENDING_SLOTS];
    private final int[][] slotTokens = new int[2 * ENDING_SLOTS][];
    private int used;
    private long decrements;

    /**
     * @param newline id of the newline token, or -1 when lines are not measured
     * @param unk id of {@code <unk>}, or -1
     * @param endingLength tokens that make a line's ending; a power of two
     */
    StatsBuilder(int vocabularySize, int newline, int unk, int endingLength) {
        if (Integer.bitCount(endingLength) != 1) {
            throw new IllegalArgumentException("ending length must be a power of two");
        }
        this.longest = new int[vocabularySize];
        this.newline = newline;
        this.unk = unk;
        this.endingLength = endingLength;
        this.ring = new int[endingLength];
        this.ringMask = endingLength - 1;
        this.scratch = new int[endingLength];
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, vocabularySize - 1));
        this.idBits = bits * endingLength + 1 <= 63 ? bits : 0;
    }

    private static final int BLOCK = 1 << 15;
    /** Where the newlines of the current block are; kept apart so the main loop stays simple. */
    private final int[] newlines = new int[BLOCK];

    /** Where a token equals the one before it; kept apart, like the newlines, so the main loop has no branches. */
    private final int[] repeats = new int[BLOCK];

    /** Measures the next {@code count} ids of the stream. */
    void scan(int[] c, int count) {
        for (int from = 0; from < count; from += BLOCK) {
            int to = Math.min(count, from + BLOCK);
            int[] at = newlines;
            int[] same = repeats;
            int nl = newline;
            int last = previous;
            int lines = 0;
            int repeated = 0;
            for (int i = from; i < to; i++) {
                int id = c[i];
                at[lines] = i;
                lines += id == nl ? 1 : 0;
                same[repeated] = i;
                repeated += id == last ? 1 : 0;
                last = id;
            }
            runs(c, from, to, repeated);
            lines(c, lines);
        }
        for (int k = Math.max(0, count - endingLength); k < count; k++) {
            ring[ringPos++ & ringMask] = c[k];
        }
        position += count;
    }

    /**
     * Longest runs of two or more from the positions where a token repeats the one before; a run
     * of one is implied by a token's count (see {@link #finish}).
     */
    private void runs(int[] c, int from, int to, int repeated) {
        int[] same = repeats;
        int[] top = longest;
        int k = 0;
        if (repeated == 0 || same[0] != from) {
            // The run open at the end of the previous block ends before this one.
            if (previous >= 0 && run > top[previous]) {
                top[previous] = run;
            }
            run = 1;
        }
        while (k < repeated) {
            int first = same[k];
            int end = first;
            while (k + 1 < repeated && same[k + 1] == end + 1) {
                k++;
                end++;
            }
            k++;
            int length = first == from ? run + (end - first + 1) : end - first + 2;
            if (end == to - 1) {
                run = length;
            } else {
                int id = c[end];
                if (length > top[id]) {
                    top[id] = length;
                }
                run = 1;
            }
        }
        previous = c[to - 1];
    }

    /** Counts the endings of the lines that end at the newlines found. */
    private void lines(int[] c, int found) {
        int[] at = newlines;
        for (int f = 0; f < found; f++) {
            int i = at[f];
            int length = (int) Math.min(endingLength, position + i - lastNewline - 1);
            if (length > 0) {
                if (i >= length) {
                    System.arraycopy(c, i - length, scratch, 0, length);
                } else {
                    for (int k = 0; k < length; k++) {
                        int local = i - length + k;
                        scratch[k] = local >= 0 ? c[local] : ring[(ringPos + local) & ringMask];
                    }
                }
                endLine(length);
            }
            lastNewline = position + i;
        }
    }

    /** Counts the ending in {@code scratch[0, n)}. */
    private void endLine(int n) {
        lines++;
        long h;
        if (idBits > 0) {
            h = 1;
            for (int i = 0; i < n; i++) {
                h = (h << idBits) | scratch[i];
            }
        } else {
            h = 0x9E3779B97F4A7C15L ^ n;
            for (int i = 0; i < n; i++) {
                h = (h ^ scratch[i]) * 0x100000001B3L;
                h ^= h >>> 29;
            }
            if (h == 0) {
                h = 1;
            }
        }
        int mask = keys.length - 1;
        int slot = slot(h, mask);
        while (keys[slot] != 0) {
            if (keys[slot] == h) {
                slotCounts[slot]++;
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (used < ENDING_SLOTS) {
            keys[slot] = h;
            slotCounts[slot] = 1;
            slotTokens[slot] = idBits > 0 ? null : Arrays.copyOf(scratch, n);
            used++;
            return;
        }
        // Full: take the median count off every ending (and all of this one's single count), as
        // Misra–Gries does one at a time; at least half the slots come free, so this stays rare.
        double[] present = new double[used]; // counts stay far below 2^53, so exact as doubles
        int k = 0;
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != 0) {
                present[k++] = slotCounts[s];
            }
        }
        long cut = (long) Selection.kthSmallest(present, used / 2);
        decrements += cut;
        long[] oldKeys = keys.clone();
        long[] oldCounts = slotCounts.clone();
        int[][] oldTokens = slotTokens.clone();
        Arrays.fill(keys, 0);
        Arrays.fill(slotCounts, 0);
        Arrays.fill(slotTokens, null);
        used = 0;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != 0 && oldCounts[s] > cut) {
                int t = slot(oldKeys[s], mask);
                while (keys[t] != 0) {
                    t = (t + 1) & mask;
                }
                keys[t] = oldKeys[s];
                slotCounts[t] = oldCounts[s] - cut;
                slotTokens[t] = oldTokens[s];
                used++;
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    /** The ids of the ending in a slot. */
    private int[] tokens(int slot) {
        if (idBits == 0) {
            return slotTokens[slot];
        }
        long key = keys[slot];
        int n = (63 - Long.numberOfLeadingZeros(key)) / idBits;
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (int) (key & ((1L << idBits) - 1));
            key >>>= idBits;
        }
        return out;
    }

    /**
     * Takes in the measurements of the stream that follows this one, {@code tokens} being that
     * stream. Both must start at a line start (as the parts of a parallel load do), so only runs
     * can cross the seam.
     */
    void absorb(StatsBuilder next, Tokens.Store tokens) {
        if (next.position == 0) {
            return;
        }
        int first = tokens.get(0);
        long firstRun = 1;
        while (firstRun < next.position && tokens.get(firstRun) == first) {
            firstRun++;
        }
        for (int i = 0; i < longest.length; i++) {
            longest[i] = Math.max(longest[i], next.longest[i]);
        }
        if (first == previous) {
            int joined = (int) Math.min(Integer.MAX_VALUE, run + firstRun);
            longest[first] = Math.max(longest[first], joined);
            run = firstRun == next.position ? joined : next.run;
        } else {
            if (previous >= 0 && run > longest[previous]) {
                longest[previous] = run;
            }
            run = next.run;
        }
        previous = next.previous;
        if (next.lastNewline >= 0) {
            lastNewline = position + next.lastNewline;
        }
        for (int k = 0; k < endingLength; k++) {
            ring[k] = next.ring[k];
        }
        ringPos = next.ringPos;
        position += next.position;
        lines += next.lines;
        // Misra–Gries summaries add up; past the slots, the count just below the largest ones comes off every ending.
        java.util.Map<Long, long[]> sum = new java.util.HashMap<>();
        java.util.Map<Long, int[]> tokensOf = new java.util.HashMap<>();
        for (StatsBuilder b : new StatsBuilder[] {this, next}) {
            for (int slot = 0; slot < b.keys.length; slot++) {
                if (b.keys[slot] != 0) {
                    sum.computeIfAbsent(b.keys[slot], k -> new long[1])[0] += b.slotCounts[slot];
                    tokensOf.putIfAbsent(b.keys[slot], b.slotTokens[slot]);
                }
            }
        }
        decrements += next.decrements;
        long cut = 0;
        if (sum.size() > ENDING_SLOTS) {
            long[] counts = sum.values().stream().mapToLong(c -> c[0]).sorted().toArray();
            cut = counts[counts.length - 1 - ENDING_SLOTS];
            decrements += cut;
        }
        Arrays.fill(keys, 0);
        Arrays.fill(slotCounts, 0);
        Arrays.fill(slotTokens, null);
        used = 0;
        int mask = keys.length - 1;
        for (java.util.Map.Entry<Long, long[]> e : sum.entrySet()) {
            long c = e.getValue()[0] - cut;
            if (c > 0 && used < ENDING_SLOTS) {
                int t = slot(e.getKey(), mask);
                while (keys[t] != 0) {
                    t = (t + 1) & mask;
                }
                keys[t] = e.getKey();
                slotCounts[t] = c;
                slotTokens[t] = tokensOf.get(e.getKey());
                used++;
            }
        }
    }

    /** The statistics, given the count of every final id. */
    CorpusStats finish(long[] counts) {
        if (previous >= 0 && run > longest[previous]) {
            longest[previous] = run;
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && longest[i] == 0) {
                longest[i] = 1;
            }
        }
        if (newline >= 0) {
            int length = (int) Math.min(endingLength, position - lastNewline - 1);
            if (length > 0) {
                for (int k = 0; k < length; k++) {
                    scratch[k] = ring[(ringPos - length + k) & ringMask];
                }
                endLine(length);
            }
        }
        int best = -1;
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != 0 && (best < 0 || slotCounts[s] > slotCounts[best]
                    || slotCounts[s] == slotCounts[best] && Arrays.compare(tokens(s), tokens(best)) < 0)) {
                best = s;
            }
        }
        long endingCount = best < 0 ? 0 : slotCounts[best];
        int[] ending = best < 0 ? new int[0] : tokens(best);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return new CorpusStats(counts, longest, total, newline, unk, endingLength, lines, endingCount, ending,
                decrements == 0);
    }
}

package lstmsh.train;

import lstmsh.corpus.LineSequences;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Batches of whole lines, padded at the end to the longest in the batch; the mask marks real
 * tokens. In training the order is shuffled per epoch from the seed, lines of similar length
 * grouped to waste little on padding; for validation it is fixed.
 */
public final class LineBatches implements Batches {

    /** Lines are sorted by length within groups of this many batches. */
    private static final int GROUP = 32;

    private final LineSequences lines;
    private final int batch;
    private final int maxLength;
    private final boolean shuffle;
    private long cachedEpoch = -1;
    private long cachedSeed;
    private int[][] order;

    public LineBatches(LineSequences lines, int batch, boolean shuffle) {
        this.lines = lines;
        this.batch = batch;
        this.maxLength = Math.max(1, lines.longest());
        this.shuffle = shuffle;
    }

    public LineSequences lines() {
        return lines;
    }

    @Override
    public int perEpoch() {
        return (lines.size() + batch - 1) / batch;
    }

    @Override
    public int capacity() {
        return batch * maxLength;
    }

    @Override
    public boolean continuous() {
        return false;
    }

    @Override
    public String shape() {
        return "lines " + batch + "x" + maxLength;
    }

    @Override
    public Batch get(long position, long seed) {
        long epoch = position / perEpoch();
        int[] members = order(epoch, seed)[(int) (position % perEpoch())];
        int length = 0;
        long real = 0;
        for (int i : members) {
            length = Math.max(length, lines.length(i));
            real += lines.length(i);
        }
        int size = members.length;
        long[] inputs = new long[size * length];
        long[] targets = new long[size * length];
        float[] mask = new float[size * length];
        for (int b = 0; b < size; b++) {
            int i = members[b];
            lines.copy(i, inputs, targets, b * length);
            Arrays.fill(mask, b * length, b * length + lines.length(i), 1f);
            // padding reads and predicts token 0; the mask gives it no weight
        }
        return new Batch(inputs, targets, mask, size, length, real);
    }

    private int[][] order(long epoch, long seed) {
        if (order != null && cachedEpoch == epoch && cachedSeed == seed) {
            return order;
        }
        Integer[] ids = new Integer[lines.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        SplittableRandom random = shuffle ? new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch) : null;
        if (shuffle) {
            shuffle(ids, random);
            for (int from = 0; from < ids.length; from += GROUP * batch) {
                Arrays.sort(ids, from, Math.min(ids.length, from + GROUP * batch),
                        (a, b) -> Integer.compare(lines.length(a), lines.length(b)));
            }
        } else {
            Arrays.sort(ids, (a, b) -> Integer.compare(lines.length(a), lines.length(b)));
        }
        int[][] batches = new int[perEpoch()][];
        for (int k = 0; k < batches.length; k++) {
            int from = k * batch;
            int to = Math.min(ids.length, from + batch);
            batches[k] = new int[to - from];
            for (int j = from; j < to; j++) {
                batches[k][j - from] = ids[j];
            }
        }
        if (shuffle) {
            shuffle(batches, random);
        }
        order = batches;
        cachedEpoch = epoch;
        cachedSeed = seed;
        return batches;
    }

    private static <T> void shuffle(T[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

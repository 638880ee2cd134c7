package lstmsh.corpus;

/**
 * An immutable run of token ids held compactly: two bytes a token while the vocabulary fits,
 * four otherwise. Slices are views, so batches never copy the corpus.
 */
public abstract sealed class Tokens permits Tokens.Short16, Tokens.Int32 {

    protected final int offset;
    protected final int length;

    private Tokens(int offset, int length) {
        this.offset = offset;
        this.length = length;
    }

    public final int size() {
        return length;
    }

    public abstract int get(int index);

    public abstract Tokens slice(int from, int to);

    /** Bytes used per token in the backing store. */
    public abstract int bytesPerToken();

    /** Copies {@code count} ids starting at {@code from} into {@code target} as longs. */
    public void copyTo(int from, long[] target, int targetOffset, int count) {
        for (int i = 0; i < count; i++) {
            target[targetOffset + i] = get(from + i);
        }
    }

    public int[] toArray() {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** Wraps ids, choosing the narrowest store that holds {@code vocabularySize} distinct ids. */
    public static Tokens of(int[] ids, int count, int vocabularySize) {
        if (vocabularySize <= 1 << 16) {
            short[] data = new short[count];
            for (int i = 0; i < count; i++) {
                data[i] = (short) ids[i];
            }
            return new Short16(data, 0, count);
        }
        return new Int32(java.util.Arrays.copyOf(ids, count), 0, count);
    }

    public static Tokens ofShorts(short[] data, int count) {
        return new Short16(data, 0, count);
    }

    public static Tokens ofInts(int[] data, int count) {
        return new Int32(data, 0, count);
    }

    protected void checkSlice(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length);
        }
    }

    /** Ids stored as unsigned 16-bit values. */
    public static final class Short16 extends Tokens {
        private final short[] data;

        Short16(short[] data, int offset, int length) {
            super(offset, length);
            this.data = data;
        }

        @Override
        public int get(int index) {
            return data[offset + index] & 0xFFFF;
        }

        @Override
        public Tokens slice(int from, int to) {
            checkSlice(from, to);
            return new Short16(data, offset + from, to - from);
        }

        @Override
        public int bytesPerToken() {
            return 2;
        }

        /** The backing array, for writing a cache; read only the documented range. */
        public short[] backingArray() {
            return data;
        }

        public int backingOffset() {
            return offset;
        }
    }

    /** Ids stored as 32-bit values. */
    public static final class Int32 extends Tokens {
        private final int[] data;

        Int32(int[] data, int offset, int length) {
            super(offset, length);
            this.data = data;
        }

        @Override
        public int get(int index) {
            return data[offset + index];
        }

        @Override
        public Tokens slice(int from, int to) {
            checkSlice(from, to);
            return new Int32(data, offset + from, to - from);
        }

        @Override
        public int bytesPerToken() {
            return 4;
        }

        public int[] backingArray() {
            return data;
        }

        public int backingOffset() {
            return offset;
        }
    }
}

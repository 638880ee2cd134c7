package lstmsh.corpus;

import java.nio.ByteBuffer;

/**
 * An immutable run of token ids held compactly: one byte a token while the vocabulary has at
 * most 256 tokens, two while it has at most 65,536, four otherwise. The ids live in fixed-size chunks on the heap, or in a memory-mapped cache
 * file; either way no single array has to hold the whole corpus. Slices are views, so batches
 * never copy the corpus.
 */
public final class Tokens {

    private final Store store;
    private final long offset;
    private final int length;

    private Tokens(Store store, long offset, int length) {
        this.store = store;
        this.offset = offset;
        this.length = length;
    }

    static Tokens over(Store store) {
        if (store.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " tokens");
        }
        return new Tokens(store, 0, (int) store.size());
    }

    public int size() {
        return length;
    }

    public int get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("token " + index + " of " + length);
        }
        return store.get(offset + index);
    }

    public Tokens slice(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length);
        }
        return new Tokens(store, offset + from, to - from);
    }

    /** Bytes used per token in the backing store. */
    public int bytesPerToken() {
        return store.bytesPerToken();
    }

    /** True when the ids are read from a memory-mapped file rather than the Java heap. */
    public boolean mapped() {
        return store instanceof Mapped;
    }

    /** Copies {@code count} ids starting at {@code from} into {@code target} as longs. */
    public void copyTo(int from, long[] target, int targetOffset, int count) {
        if (from < 0 || count < 0 || from + count > length) {
            throw new IndexOutOfBoundsException("copy " + from + "+" + count + " of " + length);
        }
        store.copyTo(offset + from, target, targetOffset, count);
    }

    public int[] toArray() {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = store.get(offset + i);
        }
        return out;
    }

    /** Wraps ids, choosing the narrowest store that holds {@code vocabularySize} distinct ids. */
    public static Tokens of(int[] ids, int count, int vocabularySize) {
        TokenBuffer buffer = new TokenBuffer(count);
        buffer.fit(Math.max(0, vocabularySize - 1));
        for (int i = 0; i < count; i++) {
            buffer.add(ids[i]);
        }
        return over(buffer.store());
    }

    /**
     * Where the ids live. Mapped segments hold {@code 1 << bits} ids each; heap chunks hold a
     * fixed number each (see {@link TokenBuffer#CHUNK}); only the last may be shorter.
     */
    abstract static sealed class Store permits HeapChunks, Mapped, Joined {
        final long size;

        Store(long size) {
            this.size = size;
        }

        final long size() {
            return size;
        }

        abstract int get(long index);

        abstract int bytesPerToken();

        void copyTo(long from, long[] target, int targetOffset, int count) {
            for (int i = 0; i < count; i++) {
                target[targetOffset + i] = get(from + i);
            }
        }

        /** Hands every id to {@code sink}, in order, a chunk at a time (heap stores only). */
        void writeTo(TokenBuffer.ChunkSink sink) throws java.io.IOException {
            throw new UnsupportedOperationException("ids already on disk");
        }
    }

    /** Ids on the heap in chunks of {@code chunk} ids, {@code width} bytes each (see {@link Chunks}). */
    static final class HeapChunks extends Store {
        final Object[] chunks;
        final int width;
        final long chunk;

        HeapChunks(Object[] chunks, int width, long size, long chunk) {
            super(size);
            this.chunks = chunks;
            this.width = width;
            this.chunk = chunk;
        }

        @Override
        int get(long index) {
            return Chunks.get(chunks[(int) (index / chunk)], (int) (index % chunk));
        }

        @Override
        int bytesPerToken() {
            return width;
        }

        @Override
        void writeTo(TokenBuffer.ChunkSink sink) throws java.io.IOException {
            for (Object c : chunks) {
                sink.chunk(c, Chunks.length(c));
            }
        }

        @Override
        void copyTo(long from, long[] target, int targetOffset, int count) {
            while (count > 0) {
                Object c = chunks[(int) (from / chunk)];
                int at = (int) (from % chunk);
                int n = Math.min(count, Chunks.length(c) - at);
                Chunks.read(c, at, n, target, targetOffset);
                from += n;
                targetOffset += n;
                count -= n;
            }
        }
    }

    /**
     * Ids in a memory-mapped cache entry, {@code width} bytes each in the buffers' byte order, in
     * segments of {@code 1 << bits} ids (only the last may be shorter).
     */
    static final class Mapped extends Store {
        final ByteBuffer[] segments;
        final int width;
        final int bits;
        final long mask;

        Mapped(ByteBuffer[] segments, int width, long size, int bits) {
            super(size);
            this.segments = segments;
            this.width = width;
            this.bits = bits;
            this.mask = (1L << bits) - 1;
        }

        @Override
        int get(long index) {
            ByteBuffer segment = segments[(int) (index >>> bits)];
            int i = (int) (index & mask);
            return width == 1 ? segment.get(i) & 0xFF : width == 2 ? segment.getShort(2 * i) & 0xFFFF : segment.getInt(4 * i);
        }

        @Override
        int bytesPerToken() {
            return width;
        }
    }

    /** Stores one after the other, e.g. the parts of a corpus encoded in parallel. */
    static final class Joined extends Store {
        final Store[] parts;
        final long[] starts;

        Joined(Store[] parts) {
            super(total(parts));
            this.parts = parts;
            this.starts = new long[parts.length + 1];
            for (int i = 0; i < parts.length; i++) {
                starts[i + 1] = starts[i] + parts[i].size();
            }
        }

        private static long total(Store[] parts) {
            long n = 0;
            for (Store p : parts) {
                n += p.size();
            }
            return n;
        }

        private int part(long index) {
            int i = 0;
            while (index >= starts[i + 1]) {
                i++;
            }
            return i;
        }

        @Override
        int get(long index) {
            int i = part(index);
            return parts[i].get(index - starts[i]);
        }

        @Override
        int bytesPerToken() {
            return parts[0].bytesPerToken();
        }

        @Override
        void writeTo(TokenBuffer.ChunkSink sink) throws java.io.IOException {
            for (Store p : parts) {
                p.writeTo(sink);
            }
        }

        @Override
        void copyTo(long from, long[] target, int targetOffset, int count) {
            while (count > 0) {
                int i = part(from);
                int n = (int) Math.min(count, starts[i + 1] - from);
                parts[i].copyTo(from - starts[i], target, targetOffset, n);
                from += n;
                targetOffset += n;
                count -= n;
            }
        }
    }
}

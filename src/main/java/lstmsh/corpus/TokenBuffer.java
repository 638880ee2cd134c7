package lstmsh.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ids appended while a corpus streams in, kept in chunks of {@link #CHUNK} so growing never
 * copies what is already stored. One byte an id until an id reaches {@link #BYTE_LIMIT}, two
 * until one reaches {@link #SHORT_LIMIT}, then four: every chunk is widened when needed. The
 * first chunk grows by doubling, so a small corpus costs only what it holds.
 */
final class TokenBuffer {

    /**
     * Ids a chunk holds: 4 MiB of one-byte ids less a little, so that with its array header a
     * chunk fills whole G1 regions (1, 2 or 4 MiB) instead of spilling into one more.
     */
    static final int CHUNK = (1 << 22) - 64;
    /** Ids below this fit in one byte. */
    static final int BYTE_LIMIT = 1 << 8;
    /** Ids below this fit in two bytes. */
    static final int SHORT_LIMIT = 1 << 16;
    /** Ids are renumbered in blocks of this many, small enough to stay in cache. */
    private static final int BLOCK = 1 << 15;

    /** The chunks: byte[], short[] or int[] as {@link #width} says. */
    private final List<Object> chunks = new ArrayList<>();
    private int width = 1;
    /** The chunk being filled (the one of its width is set) and its fill position. */
    private byte[] curByte;
    private short[] curShort;
    private int[] curInt;
    private int pos;

    TokenBuffer(long expected) {
        curByte = new byte[(int) Math.max(1024, Math.min(CHUNK, expected))];
        chunks.add(curByte);
    }

    /** Bytes an id: 1, 2 or 4. */
    int width() {
        return width;
    }

    static int widthFor(int vocabularySize) {
        return vocabularySize <= BYTE_LIMIT ? 1 : vocabularySize <= SHORT_LIMIT ? 2 : 4;
    }

    long size() {
        return (long) (chunks.size() - 1) * CHUNK + pos;
    }

    int get(long index) {
        return Chunks.get(chunks.get((int) (index / CHUNK)), (int) (index % CHUNK));
    }

    void add(int id) {
        if (width == 1) {
            if (pos == curByte.length) {
                grow();
            }
            curByte[pos++] = (byte) id;
        } else if (width == 2) {
            if (pos == curShort.length) {
                grow();
            }
            curShort[pos++] = (short) id;
        } else {
            if (pos == curInt.length) {
                grow();
            }
            curInt[pos++] = id;
        }
    }

    /** Makes room after the current chunk filled up: doubles the only chunk, or starts another. */
    private void grow() {
        int length = Chunks.length(chunks.get(chunks.size() - 1));
        boolean doubling = chunks.size() == 1 && length < CHUNK;
        int size = doubling ? (int) Math.min(CHUNK, 2L * length) : CHUNK;
        Object next = switch (width) {
            case 1 -> curByte = doubling ? Arrays.copyOf(curByte, size) : new byte[size];
            case 2 -> curShort = doubling ? Arrays.copyOf(curShort, size) : new short[size];
            default -> curInt = doubling ? Arrays.copyOf(curInt, size) : new int[size];
        };
        if (doubling) {
            chunks.set(0, next);
        } else {
            chunks.add(next);
            pos = 0;
        }
    }

    /** Makes room for ids up to {@code id}, widening chunk by chunk, so the peak is one extra chunk. */
    void fit(int id) {
        int needed = id < BYTE_LIMIT ? 1 : id < SHORT_LIMIT ? 2 : 4;
        if (needed <= width) {
            return;
        }
        // Every id so far is below the old width's limit.
        int[] same = new int[width == 1 ? BYTE_LIMIT : SHORT_LIMIT];
        Arrays.setAll(same, i -> i);
        for (int c = 0; c < chunks.size(); c++) {
            Object old = chunks.get(c);
            int n = Chunks.length(old);
            int[] ids = new int[n];
            Chunks.read(old, 0, n, ids, same);
            Object wider = Chunks.allocate(needed, n);
            chunks.set(c, wider);
            Chunks.write(ids, 0, n, wider, 0);
        }
        width = needed;
        Object last = chunks.get(chunks.size() - 1);
        curByte = null;
        curShort = needed == 2 ? (short[]) last : null;
        curInt = needed == 4 ? (int[]) last : null;
    }

    /** Receives stored ids in order, a chunk at a time (see {@link Chunks}), e.g. to write them to the cache. */
    @FunctionalInterface
    interface ChunkSink {
        void chunk(Object ids, int count) throws java.io.IOException;
    }

    /**
     * Replaces every id by {@code map[id]}, a block at a time, feeding the final ids to {@code
     * stats}, and returns the store of the result, as narrow as {@code
     * finalVocabulary} allows. A chunk of another width is replaced as soon as it is done, so
     * the peak is one extra chunk.
     */
    Tokens.Store remap(int[] map, int finalVocabulary, StatsBuilder stats, Runnable onChunk) {
        int target = widthFor(finalVocabulary);
        long size = size();
        int[] block = new int[BLOCK];
        int n = chunks.size();
        for (int c = 0; c < n; c++) {
            Object chunk = chunks.get(c);
            int count = c == n - 1 ? pos : Chunks.length(chunk);
            Object out = target == width && count == Chunks.length(chunk) ? chunk : Chunks.allocate(target, count);
            for (int from = 0; from < count; from += BLOCK) {
                int k = Math.min(BLOCK, count - from);
                Chunks.read(chunk, from, k, block, map);
                stats.scan(block, k);
                Chunks.write(block, 0, k, out, from);
            }
            chunks.set(c, out);
            onChunk.run();
        }
        width = target;
        pos = 0;
        return store(size);
    }

    /** The ids as they are, for a buffer filled with final ids; the last chunk is trimmed. */
    Tokens.Store store() {
        long size = size();
        int last = chunks.size() - 1;
        if (Chunks.length(chunks.get(last)) > pos) {
            chunks.set(last, Chunks.trim(chunks.get(last), pos));
        }
        return store(size);
    }

    private Tokens.Store store(long size) {
        return new Tokens.HeapChunks(chunks.toArray(), width, size, CHUNK);
    }
}

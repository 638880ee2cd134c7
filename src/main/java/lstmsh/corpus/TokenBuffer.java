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
    /** The chunk being filled (one of them is set) and its fill position; read by the encoder's hot loop. */
    byte[] curByte;
    short[] cur;
    int[] curInt;
    int pos;

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
        Object c = chunks.get((int) (index / CHUNK));
        int i = (int) (index % CHUNK);
        return width == 1 ? ((byte[]) c)[i] & 0xFF : width == 2 ? ((short[]) c)[i] & 0xFFFF : ((int[]) c)[i];
    }

    void add(int id) {
        if (width == 1) {
            if (pos == curByte.length) {
                grow();
            }
            curByte[pos++] = (byte) id;
        } else if (width == 2) {
            if (pos == cur.length) {
                grow();
            }
            cur[pos++] = (short) id;
        } else {
            if (pos == curInt.length) {
                grow();
            }
            curInt[pos++] = id;
        }
    }

    private int currentLength() {
        return width == 1 ? curByte.length : width == 2 ? cur.length : curInt.length;
    }

    /** Makes room after the current chunk filled up: doubles the only chunk, or starts another. */
    void grow() {
        int length = currentLength();
        boolean doubling = chunks.size() == 1 && length < CHUNK;
        int size = doubling ? (int) Math.min(CHUNK, 2L * length) : CHUNK;
        Object next = switch (width) {
            case 1 -> curByte = doubling ? Arrays.copyOf(curByte, size) : new byte[size];
            case 2 -> cur = doubling ? Arrays.copyOf(cur, size) : new short[size];
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
        for (int c = 0; c < chunks.size(); c++) {
            Object old = chunks.get(c);
            int n = length(old);
            int[] ids = new int[n];
            read(old, 0, n, ids);
            Object wider = needed == 2 ? new short[n] : new int[n];
            chunks.set(c, wider);
            write(ids, n, wider, 0);
        }
        width = needed;
        Object last = chunks.get(chunks.size() - 1);
        curByte = null;
        cur = needed == 2 ? (short[]) last : null;
        curInt = needed == 4 ? (int[]) last : null;
    }

    private static int length(Object chunk) {
        return chunk instanceof byte[] b ? b.length : chunk instanceof short[] s ? s.length : ((int[]) chunk).length;
    }

    /** Copies ids [from, from + n) of a chunk into {@code out}. */
    private static void read(Object chunk, int from, int n, int[] out) {
        if (chunk instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                out[i] = b[from + i] & 0xFF;
            }
        } else if (chunk instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                out[i] = s[from + i] & 0xFFFF;
            }
        } else {
            System.arraycopy((int[]) chunk, from, out, 0, n);
        }
    }

    /** Copies ids [from, from + n) of a chunk into {@code out}, each renumbered by {@code map}. */
    private static void readMapped(Object chunk, int from, int n, int[] out, int[] map) {
        if (chunk instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                out[i] = map[b[from + i] & 0xFF];
            }
        } else if (chunk instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                out[i] = map[s[from + i] & 0xFFFF];
            }
        } else {
            int[] c = (int[]) chunk;
            for (int i = 0; i < n; i++) {
                out[i] = map[c[from + i]];
            }
        }
    }

    /** Copies {@code n} ids into a chunk from {@code at} on. */
    private static void write(int[] ids, int n, Object chunk, int at) {
        if (chunk instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                b[at + i] = (byte) ids[i];
            }
        } else if (chunk instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                s[at + i] = (short) ids[i];
            }
        } else {
            System.arraycopy(ids, 0, (int[]) chunk, at, n);
        }
    }

    /** Receives stored ids in order, e.g. to write them to the cache. */
    interface ChunkSink {
        void bytes(byte[] ids, int from, int count) throws java.io.IOException;

        void shorts(short[] ids, int from, int count) throws java.io.IOException;

        void ints(int[] ids, int from, int count) throws java.io.IOException;
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
            int count = c == n - 1 ? pos : length(chunk);
            Object out = target == width && count == length(chunk) ? chunk
                    : target == 1 ? new byte[count] : target == 2 ? new short[count] : new int[count];
            for (int from = 0; from < count; from += BLOCK) {
                int k = Math.min(BLOCK, count - from);
                readMapped(chunk, from, k, block, map);
                stats.scan(block, k);
                write(block, k, out, from);
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
        Object last = chunks.get(chunks.size() - 1);
        if (length(last) > pos) {
            Object trimmed = width == 1 ? Arrays.copyOf((byte[]) last, pos)
                    : width == 2 ? Arrays.copyOf((short[]) last, pos) : Arrays.copyOf((int[]) last, pos);
            chunks.set(chunks.size() - 1, trimmed);
        }
        return store(size);
    }

    private Tokens.Store store(long size) {
        int n = chunks.size();
        if (width == 1) {
            byte[][] out = new byte[n][];
            for (int c = 0; c < n; c++) {
                out[c] = (byte[]) chunks.get(c);
            }
            return new Tokens.ByteChunks(out, size, CHUNK);
        }
        if (width == 2) {
            short[][] out = new short[n][];
            for (int c = 0; c < n; c++) {
                out[c] = (short[]) chunks.get(c);
            }
            return new Tokens.ShortChunks(out, size, CHUNK);
        }
        int[][] out = new int[n][];
        for (int c = 0; c < n; c++) {
            out[c] = (int[]) chunks.get(c);
        }
        return new Tokens.IntChunks(out, size, CHUNK);
    }
}

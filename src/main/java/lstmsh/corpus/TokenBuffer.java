package lstmsh.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ids appended while a corpus streams in, kept in chunks of {@code 1 << BITS} so growing never
 * copies what is already stored. Two bytes an id until an id reaches {@link #SHORT_LIMIT}, then
 * every chunk is widened to four. The first chunk grows by doubling, so a small corpus costs
 * only what it holds.
 */
final class TokenBuffer {

    static final int BITS = 22;
    static final int CHUNK = 1 << BITS;
    /** Ids below this fit in two bytes. */
    static final int SHORT_LIMIT = 1 << 16;

    private final List<short[]> shortChunks = new ArrayList<>();
    private final List<int[]> intChunks = new ArrayList<>();
    private boolean wide;
    /** The chunk being filled and its fill position; public to the encoder's hot loop. */
    short[] cur;
    int[] curInt;
    int pos;

    TokenBuffer(long expected) {
        int first = (int) Math.max(1024, Math.min(CHUNK, expected));
        cur = new short[first];
        shortChunks.add(cur);
    }

    boolean wide() {
        return wide;
    }

    long size() {
        int chunks = wide ? intChunks.size() : shortChunks.size();
        return (long) (chunks - 1) * CHUNK + pos;
    }

    int get(long index) {
        int c = (int) (index >>> BITS);
        int i = (int) (index & (CHUNK - 1));
        return wide ? intChunks.get(c)[i] : shortChunks.get(c)[i] & 0xFFFF;
    }

    void add(int id) {
        if (wide) {
            if (pos == curInt.length) {
                grow();
            }
            curInt[pos++] = id;
        } else {
            if (pos == cur.length) {
                grow();
            }
            cur[pos++] = (short) id;
        }
    }

    /** Makes room after the current chunk filled up: doubles the only chunk, or starts another. */
    void grow() {
        if (wide) {
            if (intChunks.size() == 1 && curInt.length < CHUNK) {
                curInt = Arrays.copyOf(curInt, (int) Math.min(CHUNK, 2L * curInt.length));
                intChunks.set(0, curInt);
            } else {
                curInt = new int[CHUNK];
                intChunks.add(curInt);
                pos = 0;
            }
        } else {
            if (shortChunks.size() == 1 && cur.length < CHUNK) {
                cur = Arrays.copyOf(cur, (int) Math.min(CHUNK, 2L * cur.length));
                shortChunks.set(0, cur);
            } else {
                cur = new short[CHUNK];
                shortChunks.add(cur);
                pos = 0;
            }
        }
    }

    /** Switches to four bytes an id, chunk by chunk, so the peak is one extra chunk. */
    void widen() {
        if (wide) {
            return;
        }
        for (int c = 0; c < shortChunks.size(); c++) {
            short[] s = shortChunks.get(c);
            int[] w = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                w[i] = s[i] & 0xFFFF;
            }
            intChunks.add(w);
            shortChunks.set(c, null);
        }
        shortChunks.clear();
        curInt = intChunks.get(intChunks.size() - 1);
        cur = null;
        wide = true;
    }

    /** Receives each chunk once its ids are final, e.g. to write them to the cache. */
    interface ChunkSink {
        void shorts(short[] ids, int count);

        void ints(int[] ids, int count);

        /** After the last chunk. */
        void done();
    }

    /**
     * Replaces every id by {@code map[id]}, feeding the final ids to {@code stats} and each
     * finished chunk to {@code sink}, and returns the store of the result: two bytes an id when
     * {@code finalVocabulary} fits, four otherwise. Chunks are converted one at a time.
     */
    Tokens.Store remap(int[] map, int finalVocabulary, StatsBuilder stats, ChunkSink sink, Runnable onChunk) {
        boolean narrow = finalVocabulary <= SHORT_LIMIT;
        long size = size();
        if (!wide) {
            int n = shortChunks.size();
            for (int c = 0; c < n; c++) {
                short[] chunk = shortChunks.get(c);
                int count = c == n - 1 ? pos : chunk.length;
                if (narrow) {
                    stats.scan(chunk, count, map);
                    if (c == n - 1 && count < chunk.length) {
                        chunk = Arrays.copyOf(chunk, count);
                        shortChunks.set(c, chunk);
                    }
                    if (sink != null) {
                        sink.shorts(chunk, count);
                    }
                } else {
                    int[] out = new int[count];
                    for (int i = 0; i < count; i++) {
                        out[i] = map[chunk[i] & 0xFFFF];
                    }
                    stats.scan(out, count);
                    shortChunks.set(c, null);
                    intChunks.add(out);
                    if (sink != null) {
                        sink.ints(out, count);
                    }
                }
                onChunk.run();
            }
            if (sink != null) {
                sink.done();
            }
            if (!narrow) {
                shortChunks.clear();
                return new Tokens.IntChunks(intChunks.toArray(new int[0][]), size, BITS);
            }
            return new Tokens.ShortChunks(shortChunks.toArray(new short[0][]), size, BITS);
        }
        int n = intChunks.size();
        for (int c = 0; c < n; c++) {
            int[] chunk = intChunks.get(c);
            int count = c == n - 1 ? pos : chunk.length;
            if (narrow) {
                short[] out = new short[count];
                for (int i = 0; i < count; i++) {
                    out[i] = (short) map[chunk[i]];
                }
                stats.scan(out, count);
                intChunks.set(c, null);
                shortChunks.add(out);
                if (sink != null) {
                    sink.shorts(out, count);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    chunk[i] = map[chunk[i]];
                }
                stats.scan(chunk, count);
                if (c == n - 1 && count < chunk.length) {
                    chunk = Arrays.copyOf(chunk, count);
                    intChunks.set(c, chunk);
                }
                if (sink != null) {
                    sink.ints(chunk, count);
                }
            }
            onChunk.run();
        }
        if (sink != null) {
            sink.done();
        }
        if (narrow) {
            intChunks.clear();
            return new Tokens.ShortChunks(shortChunks.toArray(new short[0][]), size, BITS);
        }
        return new Tokens.IntChunks(intChunks.toArray(new int[0][]), size, BITS);
    }

    /** The ids as they are, for a buffer filled with final ids. */
    Tokens.Store store() {
        long size = size();
        if (wide) {
            if (curInt.length > pos) {
                curInt = Arrays.copyOf(curInt, pos);
                intChunks.set(intChunks.size() - 1, curInt);
            }
            return new Tokens.IntChunks(intChunks.toArray(new int[0][]), size, BITS);
        }
        if (cur.length > pos) {
            cur = Arrays.copyOf(cur, pos);
            shortChunks.set(shortChunks.size() - 1, cur);
        }
        return new Tokens.ShortChunks(shortChunks.toArray(new short[0][]), size, BITS);
    }
}

package lstmsh.corpus;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The one place that knows a chunk of ids is a {@code byte[]}, {@code short[]} or {@code int[]}
 * (1, 2 or 4 bytes an id, read unsigned), so the stores and the buffer need no copy per type.
 */
final class Chunks {

    private Chunks() {}

    /** A chunk of {@code n} ids, {@code width} bytes each. */
    static Object allocate(int width, int n) {
        return width == 1 ? new byte[n] : width == 2 ? new short[n] : new int[n];
    }

    /** Bytes an id in this chunk. */
    static int width(Object chunk) {
        return chunk instanceof byte[] ? 1 : chunk instanceof short[] ? 2 : 4;
    }

    static int length(Object chunk) {
        return chunk instanceof byte[] b ? b.length : chunk instanceof short[] s ? s.length : ((int[]) chunk).length;
    }

    static int get(Object chunk, int i) {
        return chunk instanceof byte[] b ? b[i] & 0xFF : chunk instanceof short[] s ? s[i] & 0xFFFF : ((int[]) chunk)[i];
    }

    /** The first {@code n} ids of a chunk, in a chunk of their own. */
    static Object trim(Object chunk, int n) {
        return chunk instanceof byte[] b ? Arrays.copyOf(b, n)
                : chunk instanceof short[] s ? Arrays.copyOf(s, n) : Arrays.copyOf((int[]) chunk, n);
    }

    /** Copies ids [from, from + n) of a chunk into {@code out} from {@code at} on. */
    static void read(Object chunk, int from, int n, long[] out, int at) {
        if (chunk instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                out[at + i] = b[from + i] & 0xFF;
            }
        } else if (chunk instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                out[at + i] = s[from + i] & 0xFFFF;
            }
        } else {
            int[] c = (int[]) chunk;
            for (int i = 0; i < n; i++) {
                out[at + i] = c[from + i];
            }
        }
    }

    /** Copies ids [from, from + n) of a chunk into {@code out}, each renumbered by {@code map}. */
    static void read(Object chunk, int from, int n, int[] out, int[] map) {
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

    /** Copies ids [from, from + n) into a chunk from {@code at} on. */
    static void write(int[] ids, int from, int n, Object chunk, int at) {
        if (chunk instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                b[at + i] = (byte) ids[from + i];
            }
        } else if (chunk instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                s[at + i] = (short) ids[from + i];
            }
        } else {
            System.arraycopy(ids, from, (int[]) chunk, at, n);
        }
    }

    /** Puts ids [from, from + n) of a chunk into {@code to} in its byte order, advancing its position. */
    static void put(Object chunk, int from, int n, ByteBuffer to) {
        if (chunk instanceof byte[] b) {
            to.put(b, from, n);
            return;
        }
        if (chunk instanceof short[] s) {
            to.asShortBuffer().put(s, from, n);
        } else {
            to.asIntBuffer().put((int[]) chunk, from, n);
        }
        to.position(to.position() + width(chunk) * n);
    }
}

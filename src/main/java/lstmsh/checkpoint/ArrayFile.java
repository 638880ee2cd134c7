package lstmsh.checkpoint;

import lstmsh.util.LstmshException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Named float arrays in a plain format any language can read: the magic line
 * {@code LSTMSH-ARRAYS 1}, an int count, then per array its name (modified UTF-8 as Java's
 * DataOutput writes it), an int rank, the dimensions as longs and the values as big-endian
 * 32-bit floats; last, the CRC-32 of everything before it as a long. Files written before the
 * checksum end after the last array and are read without it.
 */
public final class ArrayFile {

    private static final String MAGIC = "LSTMSH-ARRAYS 1\n";
    /** More dimensions than any array of a model has: a larger rank is damage, not a shape. */
    private static final int MAX_RANK = 8;
    private static final int CHECKSUM_BYTES = Long.BYTES;

    private ArrayFile() {}

    public record Entry(long[] shape, float[] values) {}

    public static void write(Path file, Map<String, Entry> arrays) throws IOException {
        try (FileOutputStream fos = new FileOutputStream(file.toFile())) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.writeBytes(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, Entry> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] values = e.getValue().values();
                for (float v : values) {
                    out.writeFloat(v);
                }
            }
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
            fos.getFD().sync();
        }
    }

    /**
     * The arrays in {@code file}. A file that is cut short, holds sizes it cannot hold, or whose
     * checksum does not match is refused, before anything of its size is allocated.
     */
    public static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        long length = Files.size(file);
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
            Counting counting = new Counting(checked);
            DataInputStream in = new DataInputStream(counting);
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new LstmshException(file + " is not an lstmsh array file");
            }
            int count = in.readInt();
            if (count < 0 || count > length) {
                throw damaged(file, "an impossible array count");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > MAX_RANK) {
                    throw damaged(file, "array " + name + " has an impossible rank");
                }
                long[] shape = new long[rank];
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    if (shape[d] < 0 || shape[d] > length) {
                        throw damaged(file, "array " + name + " has an impossible shape");
                    }
                    size *= shape[d];
                    if (size > length) {
                        throw damaged(file, "array " + name + " is larger than the file");
                    }
                }
                if (size * Float.BYTES > length - counting.count) {
                    throw damaged(file, "cut short in array " + name);
                }
                float[] values = new float[(int) size];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                }
                out.put(name, new Entry(shape, values));
            }
            long expected = checked.getChecksum().getValue();
            long rest = length - counting.count;
            if (rest == CHECKSUM_BYTES) {
                if (in.readLong() != expected) {
                    throw damaged(file, "its checksum does not match its contents");
                }
            } else if (rest != 0) {
                throw damaged(file, rest < CHECKSUM_BYTES ? "cut short" : "bytes after its last array");
            }
        } catch (EOFException e) {
            throw damaged(file, "cut short");
        } catch (UTFDataFormatException e) {
            throw damaged(file, "an array name is not readable");
        }
        return out;
    }

    private static LstmshException damaged(Path file, String what) {
        return new LstmshException(file + " is damaged (" + what + "); save the model again, or load another checkpoint");
    }

    /** Counts the bytes read through it, to check sizes against what is left of the file. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

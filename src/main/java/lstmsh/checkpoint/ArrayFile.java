package lstmsh.checkpoint;

import lstmsh.interop.Tensor;
import lstmsh.util.LstmshException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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

/**
 * The array files of format 1 checkpoints, read so that old checkpoints still load (nothing
 * writes them any more): named float arrays, the magic line
 * {@code LSTMSH-ARRAYS 1}, an int count, then per array its name (modified UTF-8 as Java's
 * DataOutput writes it), an int rank, the dimensions as longs and the values as big-endian
 * 32-bit floats; last, the CRC-32 of everything before it as a long. Files written before the
 * checksum end after the last array and are read without it.
 */
final class ArrayFile {

    private static final String MAGIC = "LSTMSH-ARRAYS 1\n";
    /** More dimensions than any array of a model has: a larger rank is damage, not a shape. */
    private static final int MAX_RANK = 8;
    private static final int CHECKSUM_BYTES = Long.BYTES;

    private ArrayFile() {}

    /**
     * The arrays in {@code file}. A file that is cut short, holds sizes it cannot hold, or whose
     * checksum does not match is refused, before anything of its size is allocated.
     */
    static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
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
                out.put(name, new Tensor(shape, values));
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

package lstmsh.checkpoint;

import lstmsh.util.LstmshException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float arrays in a plain format any language can read: the magic line
 * {@code LSTMSH-ARRAYS 1}, an int count, then per array its name (modified UTF-8 as Java's
 * DataOutput writes it), an int rank, the dimensions as longs and the values as big-endian
 * 32-bit floats.
 */
public final class ArrayFile {

    private static final String MAGIC = "LSTMSH-ARRAYS 1\n";

    private ArrayFile() {}

    public record Entry(long[] shape, float[] values) {}

    public static void write(Path file, Map<String, Entry> arrays) throws IOException {
        try (FileOutputStream fos = new FileOutputStream(file.toFile());
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fos, 1 << 16))) {
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
            out.flush();
            fos.getFD().sync();
        }
    }

    public static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new LstmshException(file + " is not an lstmsh array file");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                long[] shape = new long[rank];
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    size *= shape[d];
                }
                if (size < 0 || size > Integer.MAX_VALUE) {
                    throw new LstmshException(file + " is damaged (array " + name + ")");
                }
                float[] values = new float[(int) size];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                }
                out.put(name, new Entry(shape, values));
            }
        } catch (java.io.EOFException e) {
            throw new LstmshException(file + " is truncated; the checkpoint is damaged");
        }
        return out;
    }
}

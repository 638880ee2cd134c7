package lstmsh.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lstmsh.CoreTest;
import lstmsh.interop.Tensor;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

@CoreTest
class ArrayFileTest {

    @TempDir Path dir;

    /** A format 1 array file holding w = [[1, 2, 3], [4, 5, 6]], as lstmsh wrote them before safetensors. */
    private Path written() throws Exception {
        Path file = dir.resolve("a.bin");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckedOutputStream checked = new CheckedOutputStream(bytes, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeBytes("LSTMSH-ARRAYS 1\n");
        out.writeInt(1);
        out.writeUTF("w");
        out.writeInt(2);
        out.writeLong(2);
        out.writeLong(3);
        for (int v = 1; v <= 6; v++) {
            out.writeFloat(v);
        }
        out.writeLong(checked.getChecksum().getValue());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private String refusal(Path file) {
        return assertThrows(LstmshException.class, () -> ArrayFile.read(file)).getMessage();
    }

    @Test
    void aFileWithoutTheChecksumStillReads() throws Exception {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - Long.BYTES));
        Tensor w = ArrayFile.read(file).get("w");
        assertArrayEquals(new long[] {2, 3}, w.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.values());
    }

    @Test
    void aChangedValueIsRefusedByTheChecksum() throws Exception {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - Long.BYTES - 1] ^= 1;
        Files.write(file, bytes);
        assertEquals(file + " is damaged (its checksum does not match its contents); save the model again,"
                + " or load another checkpoint", refusal(file));
    }

    @Test
    void anImpossibleSizeIsRefusedBeforeItIsAllocated() throws Exception {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        // The first dimension follows the magic line, the count, the name "w" and the rank.
        int firstDimension = 16 + 4 + 2 + 1 + 4;
        ByteBuffer.wrap(bytes).putLong(firstDimension, 1L << 40);
        Files.write(file, bytes);
        assertEquals(file + " is damaged (array w has an impossible shape); save the model again,"
                + " or load another checkpoint", refusal(file));
        ByteBuffer.wrap(bytes).putLong(firstDimension, 50);
        Files.write(file, bytes);
        assertEquals(file + " is damaged (array w is larger than the file); save the model again,"
                + " or load another checkpoint", refusal(file));
        ByteBuffer.wrap(bytes).putLong(firstDimension, 20);
        Files.write(file, bytes);
        assertEquals(file + " is damaged (cut short in array w); save the model again,"
                + " or load another checkpoint", refusal(file));
        Files.write(file, Arrays.copyOf(bytes, 30));
        assertEquals(file + " is damaged (cut short); save the model again, or load another checkpoint", refusal(file));
    }
}

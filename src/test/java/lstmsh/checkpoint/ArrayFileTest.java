package lstmsh.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lstmsh.CoreTest;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

@CoreTest
class ArrayFileTest {

    @TempDir Path dir;

    private Path written() throws Exception {
        Path file = dir.resolve("a.bin");
        ArrayFile.write(file, Map.of("w", new ArrayFile.Entry(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})));
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
        ArrayFile.Entry w = ArrayFile.read(file).get("w");
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

package lstmsh.shell;

import lstmsh.CommandTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@CommandTest
class SessionFileEncodingTest {

    @TempDir
    Path dir;

    @Test
    void aSessionFileThatIsNotUtf8IsRefusedNamingTheLineAndByte() throws IOException {
        Path file = dir.resolve("latin1.lstm");
        byte[] head = "echo one\necho caf".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9; // é in windows-1252
        bytes[head.length + 1] = '\n';
        Files.write(file, bytes);
        try (ShellFixture shell = new ShellFixture()) {
            String error = shell.fail("run " + file);
            assertTrue(error.contains("is not UTF-8 text: line 2, byte 18 (0xE9)"), error);
            assertTrue(error.contains("save it as UTF-8"), error);
            assertFalse(error.contains("Input length"), error);
        }
    }

    @Test
    void utf8LinesReadAsBefore() throws IOException {
        Path file = dir.resolve("ok.lstm");
        Files.writeString(file, "echo café\r\necho two\n", StandardCharsets.UTF_8);
        assertEquals(java.util.List.of("echo café", "echo two"), SessionRunner.readLines(file));
    }
}

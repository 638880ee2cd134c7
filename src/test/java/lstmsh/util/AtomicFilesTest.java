package lstmsh.util;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@CoreTest
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesIntoPlaceAndCreatesTheFolder() throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.write(target, t -> Files.writeString(t, "new", StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        assertEquals(1, count(target.getParent()), "no temporary file is left beside it");
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, t -> {
            Files.writeString(t, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(1, count(dir));
    }

    @Test
    void theFileGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws IOException {
        Path target = dir.resolve("chart.png");
        Path plain = dir.resolve("plain.png");
        Files.writeString(plain, "x");
        AtomicFiles.write(target, t -> Files.writeString(t, "x"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(target));
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ));
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}

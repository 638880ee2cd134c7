package lstmsh.util;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file beside its target and renames it into place, so a reader (or a crash) never
 * sees half a file where a whole one was.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes the content of a file that does not exist yet. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Creates the target's folder if needed, has {@code content} create and write a temporary file in it,
     * then renames that over {@code target}. On failure the temporary file is removed and the
     * previous target, if any, is untouched.
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            // A rename would replace an empty folder with the file.
            throw new IOException(target + " is a folder");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        // Named rather than made by createTempFile, so the file gets the usual permissions.
        Path temporary = parent.resolve("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            content.writeTo(temporary);
            moveIntoPlace(temporary, absolute);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames {@code from} to {@code to}, atomically where the file system can, replacing it. */
    public static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

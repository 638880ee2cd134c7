package lstmsh.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

@CoreTest
class FileErrorsTest {

    @Test
    void theCommonFileErrorsReadAsPlainWords() {
        assertEquals("no such file or directory: a/b.txt", FileErrors.reason(new NoSuchFileException("a/b.txt")));
        assertEquals("permission denied: a", FileErrors.reason(new AccessDeniedException("a")));
        assertEquals("it already exists: a", FileErrors.reason(new FileAlreadyExistsException("a")));
        assertEquals("not a directory: a", FileErrors.reason(new NotDirectoryException("a")));
        assertEquals("the directory is not empty: d", FileErrors.reason(new DirectoryNotEmptyException("d")));
        assertEquals("read-only file system: a", FileErrors.reason(new FileSystemException("a", null, "Read-only file system")));
        assertEquals("no space left on device: a", FileErrors.reason(new FileSystemException("a", null, "No space left on device")));
        assertEquals("it is not UTF-8 text; convert it first", FileErrors.reason(new MalformedInputException(1)));
        assertEquals("the file ends too early (cut short)", FileErrors.reason(new EOFException()));
        assertEquals("no such file or directory: x",
                FileErrors.reason(new UncheckedIOException(new NoSuchFileException("x"))));
    }

    @Test
    void messagesThatNameJavaAreReplaced() {
        assertEquals("an input/output error", FileErrors.reason(new IOException("java.lang.IllegalStateException: boom")));
        assertEquals("an input/output error", FileErrors.reason(new IOException((String) null)));
        assertEquals("stream closed", FileErrors.reason(new IOException("Stream closed")));
    }

    @Test
    void anUnusablePathShowsItsNul() {
        assertEquals("not a usable path: \"a\\0b\" (it holds a NUL character); give a file or directory name",
                FileErrors.unusablePath("a\0b"));
    }

    @Test
    void libraryMessagesLoseTheirClassNames() {
        assertEquals("CUDA out of memory", Messages.plain(
                new RuntimeException("ai.djl.engine.EngineException: java.lang.RuntimeException: CUDA out of memory\n  at x"), "?"));
        assertEquals("?", Messages.plain(new RuntimeException((String) null), "?"));
        assertEquals("?", Messages.plain(new RuntimeException("see java.lang.Foo"), "?"));
    }
}

package lstmsh.util;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file, in the user's words: the exceptions of java.io and java.nio
 * carry class names and library wording that mean nothing at the prompt.
 */
public final class FileErrors {

    private FileErrors() {}

    /** The reason, e.g. "permission denied: data/a.txt"; names the file where the error has one. */
    public static String reason(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text; convert it first";
        }
        if (e instanceof EOFException) {
            return "the file ends too early (cut short)";
        }
        if (e instanceof FileSystemException f) {
            return withFile(fileSystemReason(f), f.getFile());
        }
        return plain(e.getMessage());
    }

    /**
     * Why {@code text} cannot name a file, e.g. {@code not a usable path: "a\0b" (it holds a NUL
     * character); give a file or directory name}.
     */
    public static String unusablePath(String text) {
        String why = text.indexOf('\0') >= 0 ? "it holds a NUL character" : "the system does not accept it as a name";
        return "not a usable path: " + Texts.quote(text).replace("\0", "\\0") + " (" + why + "); give a file or directory name";
    }

    /** As {@link #reason(IOException)}, for the unchecked wrapper that streams over files throw. */
    public static String reason(UncheckedIOException e) {
        return reason(e.getCause());
    }

    private static String fileSystemReason(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (f instanceof FileSystemLoopException) {
            return "a link leads back into its own directory";
        }
        String reason = f.getReason();
        return reason == null || reason.isBlank() ? "the file system refused" : lowerFirst(plain(reason));
    }

    private static String withFile(String reason, String file) {
        return file == null || file.isEmpty() ? reason : reason + ": " + file;
    }

    /** The library's message where it reads as plain words, else a neutral phrase. */
    private static String plain(String message) {
        if (message == null || message.isBlank() || message.contains("java.") || message.contains("Exception")) {
            return "an input/output error";
        }
        String first = message.lines().findFirst().orElse("").strip();
        return lowerFirst(first);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() || (text.length() > 1 && Character.isUpperCase(text.charAt(1)))
                ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}

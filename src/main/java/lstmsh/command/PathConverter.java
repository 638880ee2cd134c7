package lstmsh.command;

import lstmsh.util.FileErrors;

import picocli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Reads a file or directory name; one the system refuses (a NUL in it) is told in plain words. */
final class PathConverter implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException(FileErrors.unusablePath(value));
        }
    }
}

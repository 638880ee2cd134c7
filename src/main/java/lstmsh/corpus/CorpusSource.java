package lstmsh.corpus;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code corpus load PATH} reads: one file; every text file under a directory; or every
 * file a glob matches ({@code data/*.txt}, {@code notes/**.md}). Files come in the order of
 * their paths, so the corpus is the same from one load to the next. In a directory or glob,
 * hidden files and folders are left out, and so are empty files and files that look binary.
 *
 * @param name what the user typed
 * @param files the files to read, in order
 * @param multi true when read from a directory or a glob (files are separated by {@code <doc>})
 * @param skippedBinary files left out because they look binary
 * @param skippedEmpty files left out because they are empty
 */
public record CorpusSource(String name, List<Path> files, boolean multi, int skippedBinary, int skippedEmpty) {

    /** Bytes probed for NUL when deciding whether a file in a directory is text, as git does. */
    static final int PROBE = 8192;

    public long bytes() {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new LstmshException("cannot read " + f + ": " + FileErrors.reason(e), e);
            }
        }
        return total;
    }

    /**
     * @param probeBinary whether NUL bytes mark a file as binary (false for UTF-16 and UTF-32,
     *     whose text is full of them)
     */
    public static CorpusSource resolve(String text, boolean probeBinary) {
        if (text == null || text.isBlank()) {
            throw new LstmshException("give a file, a directory or a glob to load");
        }
        Path path = Paths.get(text);
        if (!Files.exists(path) && isGlob(text)) {
            return glob(text, probeBinary);
        }
        if (!Files.exists(path)) {
            throw new LstmshException("no such file or directory: " + text + " (try a file under corpora/)");
        }
        if (Files.isDirectory(path)) {
            return directory(text, path, probeBinary);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new LstmshException("cannot read " + text + "; give a readable text file");
        }
        return new CorpusSource(text, List.of(path), false, 0, 0);
    }

    static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
    }

    private static CorpusSource directory(String text, Path dir, boolean probeBinary) {
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(dir)) {
            candidates = walk.filter(p -> !p.equals(dir) && !hidden(dir, p) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LstmshException("cannot list " + text + ": " + reason(e), e);
        }
        CorpusSource source = pick(text, candidates, probeBinary);
        if (source.files.isEmpty()) {
            throw new LstmshException(text + " has no text files" + source.skippedNote()
                    + "; give a directory that holds text files");
        }
        return source;
    }

    private static CorpusSource glob(String text, boolean probeBinary) {
        // The base is the longest leading part of the path without glob characters.
        String[] parts = text.split("/", -1);
        StringBuilder base = new StringBuilder();
        int first = 0;
        for (; first < parts.length - 1 && !isGlob(parts[first]); first++) {
            base.append(parts[first]).append('/');
        }
        Path root = base.length() == 0 ? Paths.get(".") : Paths.get(base.toString());
        String pattern = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
        PathMatcher matcher;
        try {
            // As in shells with globstar, "**/" also matches no folder at all.
            String zeroOrMore = pattern.contains("**/") && !pattern.contains("{") ? pattern.replace("**/", "{**/,}") : pattern;
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + zeroOrMore);
        } catch (java.util.regex.PatternSyntaxException e) {
            // The index and caret of Java's message point into the rewritten pattern, not what was typed.
            String why = e.getDescription().replaceAll("'([\\]}])$", "'$1'"); // Java writes "Missing ']"
            throw new LstmshException("cannot read the glob " + text + ": "
                    + Character.toLowerCase(why.charAt(0)) + why.substring(1) + "; check its [ ] and { }");
        }
        if (!Files.isDirectory(root)) {
            throw new LstmshException("no file matches " + text + " (" + root + " is not a directory)");
        }
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(root)) {
            candidates = walk.filter(p -> !p.equals(root) && !hidden(root, p) && Files.isRegularFile(p)
                            && matcher.matches(root.relativize(p)))
                    .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LstmshException("cannot list " + root + ": " + reason(e), e);
        }
        if (candidates.isEmpty()) {
            throw new LstmshException("no file matches " + text + "; check the pattern (* stays within a folder, ** crosses folders)");
        }
        CorpusSource source = pick(text, candidates, probeBinary);
        if (source.files.isEmpty()) {
            throw new LstmshException("no text file matches " + text + source.skippedNote());
        }
        return source;
    }

    private static CorpusSource pick(String text, List<Path> candidates, boolean probeBinary) {
        List<Path> files = new ArrayList<>();
        int binary = 0;
        int empty = 0;
        for (Path p : candidates) {
            try {
                if (Files.size(p) == 0) {
                    empty++;
                } else if (probeBinary && looksBinary(p)) {
                    binary++;
                } else {
                    files.add(p);
                }
            } catch (IOException e) {
                throw new LstmshException("cannot read " + p + ": " + FileErrors.reason(e), e);
            }
        }
        return new CorpusSource(text, List.copyOf(files), true, binary, empty);
    }

    /** What was left out, e.g. {@code " (skipped 1 binary, 2 empty)"}; empty when nothing was. */
    public String skippedNote() {
        List<String> parts = new ArrayList<>();
        if (skippedBinary > 0) {
            parts.add(skippedBinary + " binary");
        }
        if (skippedEmpty > 0) {
            parts.add(skippedEmpty + " empty");
        }
        return parts.isEmpty() ? "" : " (skipped " + String.join(", ", parts) + ")";
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksBinary(Path p) throws IOException {
        byte[] head = new byte[PROBE];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Exception e) {
        return e instanceof java.io.UncheckedIOException u ? FileErrors.reason(u) : FileErrors.reason((IOException) e);
    }
}

package lstmsh.corpus;

import lstmsh.LstmshException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads text into a {@link Corpus} in one streaming pass over the bytes (see {@link
 * StreamEncoder}), then fixes the vocabulary, renumbers the ids and measures the stream in a
 * second pass over the ids alone; with a cache the ids are written out during that pass and
 * the corpus is then read from the mapped entry.
 *
 * <p>Refused: an empty source; one with fewer tokens than asked for; a file that looks binary
 * (more than 1% NUL); text with more than 1% invalid bytes for its encoding. Fewer invalid
 * bytes are replaced by U+FFFD and reported.
 */
public final class CorpusLoader {

    /** Above this share of NUL tokens a source is binary, not text. */
    public static final double MAX_NUL_SHARE = 0.01;
    /** Above this share of invalid bytes the encoding is wrong, not the odd byte. */
    public static final double MAX_INVALID_SHARE = 0.01;
    /** Bytes of a single file probed for NUL before reading it all. */
    static final int HEAD_PROBE = 1 << 16;

    private CorpusLoader() {}

    /** Reports progress: phase ("reading", "indexing"), done and total in that phase's unit. */
    public interface Progress {
        Progress NONE = (phase, done, total) -> {};

        void update(String phase, long done, long total);
    }

    /**
     * @param cache where encoded corpora are kept, or null for none
     * @param minTokens fewer tokens than this are refused (e.g. one training sequence)
     * @param progress called between buffers
     * @param cancelled checked between buffers; true stops the load
     */
    public record Options(CorpusCache cache, long minTokens, Progress progress, BooleanSupplier cancelled) {
        public static Options defaults() {
            return new Options(null, 1, Progress.NONE, () -> false);
        }

        public Options withCache(CorpusCache c) {
            return new Options(c, minTokens, progress, cancelled);
        }

        public Options withMinTokens(long n) {
            return new Options(cache, n, progress, cancelled);
        }

        public Options withProgress(Progress p) {
            return new Options(cache, minTokens, p, cancelled);
        }

        public Options withCancel(BooleanSupplier c) {
            return new Options(cache, minTokens, progress, c);
        }
    }

    /** A corpus and how its load went. */
    public record Loaded(Corpus corpus, LoadReport report) {}

    public static Corpus load(Path path, CorpusSettings settings) {
        return load(path.toString(), settings, Options.defaults()).corpus();
    }

    /** Encodes text already in memory; the same rules as a file. */
    public static Corpus fromText(String source, String text, CorpusSettings settings) {
        StreamEncoder encoder = new StreamEncoder("word".equals(settings.level()), settings.lowercase(), text.length());
        encoder.text(text);
        if (encoder.out.size() == 0) {
            throw new LstmshException(source + " is empty; give a file with text in it");
        }
        return finish(source, settings, encoder, null, Progress.NONE).corpus;
    }

    public static Loaded load(String path, CorpusSettings settings, Options options) {
        long start = System.nanoTime();
        Charset charset = settings.charset();
        boolean asciiCompatible = asciiCompatible(charset);
        CorpusSource source = CorpusSource.resolve(path, asciiCompatible);
        long bytes = source.bytes();
        if (!source.multi()) {
            if (bytes == 0) {
                throw new LstmshException(path + " is empty; give a file with text in it");
            }
            if (asciiCompatible) {
                probeBinary(path, source.files().get(0));
            }
        }
        Tokenizer tokenizer = settings.tokenizer();
        CorpusCache cache = options.cache();
        CorpusCache.Key key = null;
        String cacheNote = "";
        if (cache != null && cache.wants(bytes)) {
            try {
                key = CorpusCache.key(source, settings, tokenizer.level());
            } catch (IOException e) {
                throw new LstmshException("cannot read " + path + ": " + e.getMessage(), e);
            }
            CorpusCache.Hit hit = cache.read(key);
            if (hit != null && hit.level().equals(tokenizer.level())) {
                Corpus corpus = Corpus.of(path, settings, tokenizer, hit.vocabulary(), hit.tokens(), hit.stats());
                checkSize(path, corpus.size(), options.minTokens());
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Loaded(corpus, new LoadReport(source, hit.bytes(), hit.invalidBytes(), hit.firstInvalid(),
                        hit.crlf(), hit.boms(), hit.unkTypes(), LoadReport.Cache.HIT, "", seconds));
            }
        }
        StreamEncoder encoder;
        try {
            encoder = new StreamEncoder("word".equals(settings.level()), settings.lowercase(),
                    "word".equals(settings.level()) ? bytes / 5 : bytes);
            long[] done = {0};
            options.progress().update("reading", 0, bytes);
            for (Path file : source.files()) {
                encoder.file(file, charset, n -> {
                    done[0] += n;
                    options.progress().update("reading", done[0], bytes);
                    return !options.cancelled().getAsBoolean();
                });
            }
        } catch (StreamEncoder.Stopped e) {
            throw new LstmshException("load of " + path + " stopped; the corpus you had is kept");
        } catch (StreamEncoder.TooManyTokens e) {
            throw new LstmshException(path + " has more than " + Integer.MAX_VALUE
                    + " tokens, more than one corpus can hold; load a part of it, or use --level word");
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, bytes);
        } catch (IOException | UncheckedIOException e) {
            throw new LstmshException("cannot read " + path + ": " + e.getMessage(), e);
        }
        long tokens = encoder.out.size();
        if (tokens == 0) {
            throw new LstmshException(path + " has no text (only a byte-order mark or nothing at all); give a file with text in it");
        }
        checkText(path, source, encoder, charset, asciiCompatible);
        checkSize(path, tokens, options.minTokens());
        String firstInvalid = describeInvalid(encoder, asciiCompatible);

        CacheTarget target = null;
        if (key != null) {
            long free = cache.usableSpace();
            if (free >= 0 && free < tokens * 4 + (1L << 30)) {
                cacheNote = "not enough free disk space in " + cache.dir();
            } else {
                target = new CacheTarget(cache, key, bytes, encoder.invalidBytes, firstInvalid, encoder.norm.crlf,
                        encoder.norm.boms);
            }
        }
        try {
            Finished f = finish(path, settings, encoder, target, options.progress());
            LoadReport.Cache cacheUse = key == null ? LoadReport.Cache.OFF : LoadReport.Cache.FAILED;
            if (f.cacheError != null) {
                cacheNote = f.cacheError;
            } else if (f.cached) {
                cacheUse = LoadReport.Cache.WRITTEN;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Loaded(f.corpus, new LoadReport(source, bytes, encoder.invalidBytes, firstInvalid,
                    encoder.norm.crlf, encoder.norm.boms, f.unkTypes, cacheUse, cacheNote, seconds));
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, bytes);
        }
    }

    private static LstmshException outOfMemory(String path, long bytes) {
        return new LstmshException(String.format(
                "not enough memory to load %s (%.1f GB; Java may use %.1f GB); give Java more "
                        + "(LSTMSH_JAVA_OPTS=-Xmx8g) or load a part of it; the corpus you had is kept",
                path, bytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
    }

    static boolean asciiCompatible(Charset charset) {
        byte[] b = "\n a".getBytes(charset);
        return Arrays.equals(b, new byte[] {'\n', ' ', 'a'});
    }

    private static void probeBinary(String path, Path file) {
        byte[] head = new byte[HEAD_PROBE];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + path + ": " + e.getMessage(), e);
        }
        int nuls = 0;
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                nuls++;
            }
        }
        if (nuls > n * MAX_NUL_SHARE) {
            throw binary(path, nuls, n);
        }
    }

    private static LstmshException binary(String path, long nuls, long of) {
        return new LstmshException(String.format(
                "%s looks binary (%,d NUL bytes in its first %,d), not text; give a text file "
                        + "(UTF-16 or UTF-32 text: add --encoding UTF-16 or UTF-32)", path, nuls, of));
    }

    private static void checkText(String path, CorpusSource source, StreamEncoder encoder, Charset charset,
            boolean asciiCompatible) {
        long tokens = encoder.out.size();
        int nul = encoder.names.indexOf("\0");
        if (nul >= 0 && encoder.counts[nul] > tokens * MAX_NUL_SHARE) {
            throw binary(path, encoder.counts[nul], encoder.bytes);
        }
        if (encoder.invalidBytes > encoder.bytes * MAX_INVALID_SHARE) {
            String hint = charset.equals(StandardCharsets.UTF_8)
                    ? "if it is in another encoding, add --encoding NAME (e.g. windows-1252, ISO-8859-1, UTF-16)"
                    : "check --encoding";
            throw new LstmshException(String.format("%s is not %s text: %,d of its %,d bytes (%.1f%%) are invalid, "
                            + "the first at %s; %s", path, charset.name(), encoder.invalidBytes, encoder.bytes,
                    100.0 * encoder.invalidBytes / encoder.bytes, describeInvalid(encoder, asciiCompatible), hint));
        }
    }

    private static void checkSize(String path, long tokens, long minTokens) {
        if (tokens < minTokens) {
            throw new LstmshException(String.format("%s has only %,d tokens, fewer than the %,d of one training "
                    + "sequence; give more text (or train with a shorter --seq)", path, tokens, minTokens));
        }
    }

    /** Where the first invalid byte is: {@code byte 1,234 (line 7) of a.txt}; empty when none. */
    private static String describeInvalid(StreamEncoder encoder, boolean asciiCompatible) {
        if (encoder.firstInvalidOffset < 0) {
            return "";
        }
        String where = String.format("byte %,d", encoder.firstInvalidOffset);
        if (asciiCompatible) {
            try (InputStream in = Files.newInputStream(encoder.firstInvalidFile)) {
                long line = 1;
                long left = encoder.firstInvalidOffset;
                byte[] b = new byte[1 << 16];
                while (left > 0) {
                    int n = in.read(b, 0, (int) Math.min(b.length, left));
                    if (n < 0) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        if (b[i] == '\n') {
                            line++;
                        }
                    }
                    left -= n;
                }
                where += String.format(" (line %,d)", line);
            } catch (IOException ignored) {
                // the offset alone still helps
            }
        }
        return where + " of " + encoder.firstInvalidFile;
    }

    /** Where the finished ids go besides the heap. */
    private record CacheTarget(CorpusCache cache, CorpusCache.Key key, long bytes, long invalid, String firstInvalid,
            long crlf, long boms) {}

    private record Finished(Corpus corpus, long unkTypes, boolean cached, String cacheError) {}

    private static Finished finish(String source, CorpusSettings settings, StreamEncoder encoder, CacheTarget target,
            Progress progress) {
        Tokenizer tokenizer = settings.tokenizer();
        Plan plan = plan(source, settings, encoder);
        StatsBuilder stats = CorpusStats.builder(plan.vocabulary, tokenizer.level());
        int width = plan.vocabulary.size() <= TokenBuffer.SHORT_LIMIT ? 2 : 4;
        String cacheError = null;
        CorpusCache.Writer writer = null;
        if (target != null) {
            try {
                writer = target.cache.writer(target.key, width);
            } catch (IOException e) {
                cacheError = "cannot write to " + target.cache.dir() + ": " + e.getMessage();
            }
        }
        try {
            long total = encoder.out.size();
            long[] done = {0};
            Tokens.Store store = encoder.out.remap(plan.map, plan.vocabulary.size(), stats, writer, () -> {
                done[0] = Math.min(total, done[0] + TokenBuffer.CHUNK);
                progress.update("indexing", done[0], total);
            });
            long[] counts = new long[plan.vocabulary.size()];
            for (int i = 0; i < plan.map.length; i++) {
                counts[plan.map[i]] += encoder.counts[i];
            }
            CorpusStats measured = stats.finish(counts);
            Tokens tokens = Tokens.over(store);
            boolean cached = false;
            if (writer != null) {
                try {
                    tokens = writer.finish(tokenizer.level(), plan.vocabulary, measured, target.bytes, target.invalid,
                            target.firstInvalid, target.crlf, target.boms, plan.unkTypes);
                    cached = true;
                } catch (IOException e) {
                    cacheError = "cannot write to " + target.cache.dir() + ": " + e.getMessage();
                }
            }
            Corpus corpus = Corpus.of(source, settings, tokenizer, plan.vocabulary, tokens, measured);
            return new Finished(corpus, plan.unkTypes, cached, cacheError);
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** The final vocabulary and the provisional → final id map. */
    private record Plan(Vocabulary vocabulary, int[] map, long unkTypes) {}

    /**
     * Special tokens first ({@code <doc>}, then {@code <unk>} when anything was left out); then
     * at character level the code points in ascending order, at word level the tokens by
     * falling count (ties in string order). {@code --min-count} and {@code --max-vocab} keep the
     * most frequent tokens; the rest become {@code <unk>}.
     */
    private static Plan plan(String source, CorpusSettings settings, StreamEncoder encoder) {
        int n = encoder.names.size();
        boolean word = "word".equals(settings.level());
        long[] counts = encoder.counts;
        int[] cps = encoder.codePoints;
        List<Integer> specials = new ArrayList<>();
        List<Integer> regular = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Vocabulary.isSpecial(encoder.names.get(i))) {
                specials.add(i);
            } else {
                regular.add(i);
            }
        }
        Comparator<Integer> byCount = Comparator.<Integer>comparingLong(i -> -counts[i]);
        byCount = word ? byCount.thenComparing(encoder.names::get) : byCount.thenComparingInt(i -> cps[i]);
        List<Integer> kept = new ArrayList<>();
        for (int i : regular) {
            if (counts[i] >= settings.minCount()) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            long most = regular.stream().mapToLong(i -> counts[i]).max().orElse(0);
            throw new LstmshException(String.format("--min-count %d leaves no token in %s (the most frequent one "
                    + "appears %,d times); lower it", settings.minCount(), source, most));
        }
        kept.sort(byCount);
        boolean unk = kept.size() < regular.size();
        if (settings.maxVocab() > 0) {
            int room = settings.maxVocab() - specials.size() - (unk ? 1 : 0);
            if (kept.size() > room) {
                unk = true;
                room = settings.maxVocab() - specials.size() - 1;
                if (room < 1) {
                    throw new LstmshException(String.format("--max-vocab %d leaves no room for the tokens of %s "
                            + "beside %s; give at least %d", settings.maxVocab(), source,
                            specials.isEmpty() ? Vocabulary.UNK : Vocabulary.DOC + " and " + Vocabulary.UNK,
                            specials.size() + 2));
                }
                kept = new ArrayList<>(kept.subList(0, room));
            }
        }
        if (!word) {
            kept.sort(Comparator.comparingInt(i -> cps[i]));
        }
        List<String> tokens = new ArrayList<>();
        int[] map = new int[n];
        for (int s : specials) {
            map[s] = tokens.size();
            tokens.add(encoder.names.get(s));
        }
        int unkId = -1;
        if (unk) {
            unkId = tokens.size();
            tokens.add(Vocabulary.UNK);
        }
        boolean[] isKept = new boolean[n];
        for (int i : kept) {
            isKept[i] = true;
            map[i] = tokens.size();
            tokens.add(encoder.names.get(i));
        }
        long unkTypes = 0;
        for (int i : regular) {
            if (!isKept[i]) {
                map[i] = unkId;
                unkTypes++;
            }
        }
        return new Plan(new Vocabulary(tokens), map, unkTypes);
    }
}

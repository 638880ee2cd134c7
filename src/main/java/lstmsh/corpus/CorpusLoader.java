package lstmsh.corpus;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.finding.Finding;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Reads text into a {@link Corpus}. Pass one streams the bytes once (see {@link StreamEncoder}),
 * numbering tokens as they come; the vocabulary is then fixed and pass two renumbers the ids
 * and measures them, writing them to the cache when there is one, after which the corpus is
 * read from the mapped cache entry. A large source is cut into parts at newlines (see {@link
 * Segments}) and both passes run on the parts in parallel, one thread a core.
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
    /** Above this share of invalid bytes the file is more likely binary than text. */
    static final double LIKELY_BINARY_SHARE = 0.2;
    /** Sources at least this large are read by several threads. */
    public static final long PARALLEL_BYTES = 32L << 20;
    /** At most this many threads read one source. */
    public static final int MAX_THREADS = 4;
    /** Bytes of a single file probed for NUL before reading it all. */
    static final int HEAD_PROBE = 1 << 16;

    private CorpusLoader() {}

    /** Reports progress: the phase, and done and total in that phase's unit. */
    public interface Progress {
        Progress NONE = (phase, done, total) -> {};
        /** Decoding and splitting the text; done and total in bytes. */
        String READING = "reading";
        /** Renumbering and measuring the tokens; done and total in tokens. */
        String INDEXING = "indexing";

        void update(String phase, long done, long total);
    }

    /**
     * @param cache where encoded corpora are kept, or null for none
     * @param minTokens fewer tokens than this are refused (e.g. one training sequence)
     * @param progress called from the loading thread every so often
     * @param cancelled checked every so often; true stops the load
     * @param threads threads to read with (0: one a core, at most {@link #MAX_THREADS}, for sources of
     *     {@link #PARALLEL_BYTES} or more)
     */
    public record Options(CorpusCache cache, long minTokens, Progress progress, BooleanSupplier cancelled, int threads) {
        public static Options defaults() {
            return new Options(null, 1, Progress.NONE, () -> false, 0);
        }

        public Options withCache(CorpusCache c) {
            return new Options(c, minTokens, progress, cancelled, threads);
        }

        public Options withMinTokens(long n) {
            return new Options(cache, n, progress, cancelled, threads);
        }

        public Options withProgress(Progress p) {
            return new Options(cache, minTokens, p, cancelled, threads);
        }

        public Options withCancel(BooleanSupplier c) {
            return new Options(cache, minTokens, progress, c, threads);
        }

        public Options withThreads(int n) {
            return new Options(cache, minTokens, progress, cancelled, n);
        }
    }

    /**
     * A corpus, how its load went, and what the load and the corpus checks found (replaced bytes
     * first, then {@link CorpusChecks#check}).
     */
    public record Loaded(Corpus corpus, LoadReport report, List<Finding> findings) {
        Loaded(Corpus corpus, LoadReport report) {
            this(corpus, report, findings(corpus, report));
        }

        private static List<Finding> findings(Corpus corpus, LoadReport report) {
            List<Finding> out = new ArrayList<>();
            CorpusChecks.invalidText(report, corpus).ifPresent(out::add);
            out.addAll(CorpusChecks.check(corpus));
            return List.copyOf(out);
        }
    }

    public static Corpus load(Path path, CorpusSettings settings) {
        return load(path.toString(), settings, Options.defaults()).corpus();
    }

    /** Encodes text already in memory; the same rules as a file. */
    public static Corpus fromText(String source, String text, CorpusSettings settings) {
        StreamEncoder encoder = new StreamEncoder(settings.level().startsWith("word"), verbatim(settings), settings.lowercase(),
                text.length());
        encoder.text(text);
        if (encoder.out.size() == 0) {
            throw new LstmshException(source + " is empty; give a file with text in it");
        }
        return finish(source, settings, List.of(encoder), null, Progress.NONE, () -> false, null).corpus;
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
        if (cache != null && cache.wants(bytes)) {
            try {
                key = CorpusCache.key(source, settings, tokenizer.level());
            } catch (IOException e) {
                throw new LstmshException("cannot read " + path + ": " + FileErrors.reason(e), e);
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
        int threads = !asciiCompatible ? 1
                : options.threads() > 0 ? options.threads()
                : bytes < PARALLEL_BYTES ? 1
                : Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "corpus-load");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            List<StreamEncoder> encoders = encode(path, source, settings, charset, bytes, threads, pool, options);
            long tokens = 0;
            long invalid = 0;
            long crlf = 0;
            long boms = 0;
            for (StreamEncoder e : encoders) {
                tokens += e.out.size();
                invalid += e.invalidBytes;
                crlf += e.norm.crlf;
                boms += e.norm.boms;
            }
            if (tokens == 0) {
                throw new LstmshException(path + " has no text (only a byte-order mark or nothing at all); give a file with text in it");
            }
            if (tokens > Integer.MAX_VALUE) {
                throw tooManyTokens(path);
            }
            StreamEncoder firstBad = encoders.stream().filter(e -> e.firstInvalidOffset >= 0).findFirst().orElse(null);
            String firstInvalid = describeInvalid(firstBad, asciiCompatible);
            checkText(path, encoders, tokens, invalid, bytes, charset, firstInvalid);
            checkSize(path, tokens, options.minTokens());

            String cacheNote = "";
            CacheTarget target = null;
            if (key != null) {
                long free = cache.usableSpace();
                if (free >= 0 && free < tokens * 4 + (1L << 30)) {
                    cacheNote = "not enough free disk space in " + cache.dir();
                } else {
                    target = new CacheTarget(cache, key, bytes, invalid, firstInvalid, crlf, boms);
                }
            }
            Finished f = finish(path, settings, encoders, target, options.progress(), options.cancelled(), pool);
            LoadReport.Cache cacheUse = key == null ? LoadReport.Cache.OFF
                    : f.cached ? LoadReport.Cache.WRITING : LoadReport.Cache.FAILED;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Loaded(f.corpus, new LoadReport(source, bytes, invalid, firstInvalid, crlf, boms, f.unkTypes,
                    cacheUse, cacheNote, seconds));
        } catch (OutOfMemoryError e) {
            throw outOfMemory(path, bytes);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static boolean verbatim(CorpusSettings settings) {
        return "word-verbatim".equals(settings.level());
    }

    /** Pass one: every part of the source on its own encoder, in parallel when there is a pool. */
    private static List<StreamEncoder> encode(String path, CorpusSource source, CorpusSettings settings,
            Charset charset, long bytes, int threads, ExecutorService pool, Options options) {
        boolean word = settings.level().startsWith("word");
        List<List<Segments.Piece>> parts;
        try {
            parts = Segments.plan(source.files(), threads);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + path + ": " + FileErrors.reason(e), e);
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        // Run on this thread, the encoder itself reports progress; on a pool, this thread does.
        boolean inline = pool == null || parts.size() == 1;
        List<StreamEncoder> encoders = new ArrayList<>();
        List<Runnable> jobs = new ArrayList<>();
        for (List<Segments.Piece> part : parts) {
            long partBytes = part.stream().mapToLong(p -> p.end() - p.start()).sum();
            StreamEncoder encoder = new StreamEncoder(word, verbatim(settings), settings.lowercase(),
                    word ? partBytes / 5 : partBytes);
            encoders.add(encoder);
            jobs.add(() -> {
                for (Segments.Piece p : part) {
                    try {
                        encoder.piece(p.file(), p.start(), p.end(), p.fileStart(), p.separatorAfter(), charset, n -> {
                            long d = done.addAndGet(n);
                            if (inline) {
                                options.progress().update(Progress.READING, d, bytes);
                            }
                            return !stop.get() && !options.cancelled().getAsBoolean();
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        run(Progress.READING, jobs, pool, done, bytes, stop, options.progress(), options.cancelled(), path);
        return encoders;
    }

    /**
     * Runs jobs (on the pool when there is one) while reporting progress and watching for
     * cancellation from this thread; rethrows what a job threw as a user error.
     */
    private static void run(String phase, List<Runnable> jobs, ExecutorService pool, AtomicLong done, long total,
            AtomicBoolean stop, Progress progress, BooleanSupplier cancelled, String path) {
        try {
            progress.update(phase, 0, total);
            if (pool == null || jobs.size() == 1) {
                for (Runnable job : jobs) {
                    job.run();
                }
                progress.update(phase, done.get(), total);
                return;
            }
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        progress.update(phase, done.get(), total);
                        if (cancelled.getAsBoolean()) {
                            stop.set(true);
                        }
                    }
                }
            }
            progress.update(phase, done.get(), total);
        } catch (ExecutionException e) {
            stop.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw translate(r, path);
            }
            if (cause instanceof OutOfMemoryError o) {
                throw o;
            }
            throw new LstmshException("cannot load " + path + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            throw new LstmshException("load of " + path + " interrupted; the corpus you had is kept");
        } catch (RuntimeException r) {
            stop.set(true);
            throw translate(r, path);
        }
    }

    private static RuntimeException translate(RuntimeException r, String path) {
        if (r instanceof StreamEncoder.Stopped) {
            return new LstmshException("load of " + path + " stopped; the corpus you had is kept");
        }
        if (r instanceof StreamEncoder.TooManyTokens) {
            return tooManyTokens(path);
        }
        if (r instanceof UncheckedIOException io) {
            return new LstmshException("cannot read " + path + ": " + FileErrors.reason(io), io);
        }
        return r;
    }

    private static LstmshException tooManyTokens(String path) {
        return new LstmshException(path + " has more than " + Integer.MAX_VALUE
                + " tokens, more than one corpus can hold; load a part of it, or use --level word");
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
            throw new LstmshException("cannot read " + path + ": " + FileErrors.reason(e), e);
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

    private static void checkText(String path, List<StreamEncoder> encoders, long tokens, long invalid, long bytes,
            Charset charset, String firstInvalid) {
        long nuls = 0;
        for (StreamEncoder e : encoders) {
            int nul = e.names.indexOf("\0");
            if (nul >= 0) {
                nuls += e.counts[nul];
            }
        }
        if (nuls > tokens * MAX_NUL_SHARE) {
            throw binary(path, nuls, bytes);
        }
        if (invalid > bytes * MAX_INVALID_SHARE) {
            String hint = charset.equals(StandardCharsets.UTF_8)
                    ? "if it is in another encoding, add --encoding NAME (e.g. windows-1252, ISO-8859-1, UTF-16)"
                    : "check --encoding";
            if (invalid > bytes * LIKELY_BINARY_SHARE) {
                hint = "it looks binary; give a text file, or " + hint;
            }
            throw new LstmshException(String.format("%s is not %s text: %,d of its %,d bytes (%.1f%%) are invalid, "
                            + "the first at %s; %s", path, charset.name(), invalid, bytes, 100.0 * invalid / bytes,
                    firstInvalid, hint));
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
        if (encoder == null || encoder.firstInvalidOffset < 0) {
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

    private record Finished(Corpus corpus, long unkTypes, boolean cached) {}

    /** Pass two: fixes the vocabulary, renumbers and measures every part; then starts writing the cache. */
    private static Finished finish(String source, CorpusSettings settings, List<StreamEncoder> encoders,
            CacheTarget target, Progress progress, BooleanSupplier cancelled, ExecutorService pool) {
        Tokenizer tokenizer = settings.tokenizer();
        Merged merged = merge(encoders);
        Plan plan = plan(source, settings, merged);
        int vocabulary = plan.vocabulary.size();
        int parts = encoders.size();
        StatsBuilder[] stats = new StatsBuilder[parts];
        Tokens.Store[] stores = new Tokens.Store[parts];
        long total = 0;
        List<Runnable> jobs = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        for (int s = 0; s < parts; s++) {
            int part = s;
            StreamEncoder encoder = encoders.get(s);
            int[] map = new int[encoder.names.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = plan.map[merged.maps[s][i]];
            }
            stats[s] = CorpusStats.builder(plan.vocabulary, tokenizer.level());
            long size = encoder.out.size();
            total += size;
            jobs.add(() -> {
                stores[part] = encoder.out.remap(map, vocabulary, stats[part], () -> done.addAndGet(TokenBuffer.CHUNK));
                done.addAndGet(size % TokenBuffer.CHUNK - (size % TokenBuffer.CHUNK == 0 ? 0 : TokenBuffer.CHUNK));
            });
        }
        // Renumbering must not stop half way (the ids are changed in place), so no cancel here.
        run(Progress.INDEXING, jobs, pool, done, total, new AtomicBoolean(), progress, () -> false, source);
        for (int s = 1; s < parts; s++) {
            stats[0].absorb(stats[s], stores[s]);
        }
        long[] counts = new long[vocabulary];
        for (int i = 0; i < plan.map.length; i++) {
            counts[plan.map[i]] += merged.counts[i];
        }
        CorpusStats measured = stats[0].finish(counts);
        Tokens.Store store = parts == 1 ? stores[0] : new Tokens.Joined(stores);
        if (target != null) {
            target.cache.writeLater(target.key, store, new CorpusCache.Meta(tokenizer.level(), plan.vocabulary,
                    measured, target.bytes, target.invalid, target.firstInvalid, target.crlf, target.boms,
                    plan.unkTypes));
        }
        Corpus corpus = Corpus.of(source, settings, tokenizer, plan.vocabulary, Tokens.over(store), measured);
        return new Finished(corpus, plan.unkTypes, target != null);
    }

    /**
     * The parts' provisional vocabularies as one: every distinct token once, in the order first
     * seen; {@code maps[part][local id]} is its merged id.
     */
    private record Merged(List<String> names, long[] counts, int[] codePoints, int[][] maps) {}

    private static Merged merge(List<StreamEncoder> encoders) {
        if (encoders.size() == 1) {
            StreamEncoder e = encoders.get(0);
            int n = e.names.size();
            int[] identity = new int[n];
            Arrays.setAll(identity, i -> i);
            return new Merged(e.names, Arrays.copyOf(e.counts, n), Arrays.copyOf(e.codePoints, n),
                    new int[][] {identity});
        }
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        long[] counts = new long[64];
        int[] codePoints = new int[64];
        int[][] maps = new int[encoders.size()][];
        for (int s = 0; s < encoders.size(); s++) {
            StreamEncoder e = encoders.get(s);
            int n = e.names.size();
            maps[s] = new int[n];
            for (int i = 0; i < n; i++) {
                String name = e.names.get(i);
                Integer id = ids.get(name);
                if (id == null) {
                    id = names.size();
                    ids.put(name, id);
                    names.add(name);
                    if (id == counts.length) {
                        counts = Arrays.copyOf(counts, 2 * id);
                        codePoints = Arrays.copyOf(codePoints, 2 * id);
                    }
                    codePoints[id] = e.codePoints[i];
                }
                counts[id] += e.counts[i];
                maps[s][i] = id;
            }
        }
        return new Merged(names, Arrays.copyOf(counts, names.size()), Arrays.copyOf(codePoints, names.size()), maps);
    }

    /** The final vocabulary and the merged → final id map. */
    private record Plan(Vocabulary vocabulary, int[] map, long unkTypes) {}

    /**
     * Special tokens first ({@code <doc>}, then {@code <unk>} when anything was left out); then
     * at character level the code points in ascending order, at word level the tokens by
     * falling count (ties in string order). {@code --min-count} and {@code --max-vocab} keep the
     * most frequent tokens; the rest become {@code <unk>}.
     */
    private static Plan plan(String source, CorpusSettings settings, Merged merged) {
        List<String> names = merged.names;
        int n = names.size();
        boolean word = settings.level().startsWith("word");
        long[] counts = merged.counts;
        int[] cps = merged.codePoints;
        List<Integer> specials = new ArrayList<>();
        List<Integer> regular = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Vocabulary.isSpecial(names.get(i))) {
                specials.add(i);
            } else {
                regular.add(i);
            }
        }
        Comparator<Integer> byCount = Comparator.<Integer>comparingLong(i -> -counts[i]);
        byCount = word ? byCount.thenComparing(names::get) : byCount.thenComparingInt(i -> cps[i]);
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
            tokens.add(names.get(s));
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
            tokens.add(names.get(i));
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

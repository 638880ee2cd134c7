package lstmsh.corpus;

import lstmsh.util.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encoded corpora kept on disk, so loading the same source again only maps a file. An entry is
 * named by a hash of the source's paths and the settings that shape the tokens (level, case,
 * vocabulary limits, encoding), and holds each file's size, modification time and a checksum of
 * its first and last 64 KiB: when any of them differs the entry is encoded again and replaced.
 * Sources below {@link #MIN_BYTES} load in well under a second and are not cached. When the
 * entries together pass {@link #MAX_TOTAL_BYTES}, the least recently used go.
 *
 * <p>An entry: a 4 KiB preamble, the ids little-endian (1, 2 or 4 bytes each), then the vocabulary,
 * statistics and load report, and at the very end where they start.
 */
public final class CorpusCache {

    public static final long MIN_BYTES = 16L << 20;
    public static final long MAX_TOTAL_BYTES = 20L << 30;
    public static final String SUFFIX = ".corpus";

    static final int FORMAT = 1;
    /** Where the ids start in an entry. */
    public static final int DATA_OFFSET = 4096;
    private static final byte[] MAGIC = "LSTMSH-CORPUS\n".getBytes(StandardCharsets.US_ASCII);
    private static final long END_MAGIC = 0x4C53544D454E4421L;
    private static final int CHECK_BYTES = 64 << 10;

    private final Path dir;
    private final long minBytes;

    public CorpusCache(Path dir, long minBytes) {
        this.dir = dir;
        this.minBytes = minBytes;
    }

    /** The cache in {@code -Dlstmsh.cache=DIR}, {@code $LSTMSH_CACHE}, or {@code ~/.lstmsh/cache}. */
    public static CorpusCache standard() {
        String dir = System.getProperty("lstmsh.cache");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("LSTMSH_CACHE");
        }
        Path path = dir == null || dir.isBlank()
                ? Paths.get(System.getProperty("user.home"), ".lstmsh", "cache")
                : Paths.get(dir);
        return new CorpusCache(path, MIN_BYTES);
    }

    public Path dir() {
        return dir;
    }

    public long minBytes() {
        return minBytes;
    }

    boolean wants(long bytes) {
        return bytes >= minBytes;
    }

    /** One file of a source as it was when encoded. */
    record Fingerprint(String path, long size, long modified, long check) {}

    /** Names an entry and says what the source must look like for it to be valid. */
    record Key(String name, String description, List<Fingerprint> files) {}

    static Key key(CorpusSource source, CorpusSettings settings, String level) throws IOException {
        StringBuilder description = new StringBuilder("lstmsh corpus cache ").append(FORMAT)
                .append("\nlevel ").append(level)
                .append("\nmax-vocab ").append(settings.maxVocab())
                .append("\nmin-count ").append(settings.minCount())
                .append("\nencoding ").append(settings.encoding());
        List<Fingerprint> files = new ArrayList<>();
        for (Path f : source.files()) {
            Path real = f.toRealPath();
            description.append("\nfile ").append(real);
            files.add(fingerprint(real));
        }
        String name;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(description.toString().getBytes(StandardCharsets.UTF_8));
            name = HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Key(name, description.toString(), files);
    }

    static Fingerprint fingerprint(Path file) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, CHECK_BYTES));
            readFully(ch, head, 0);
            crc.update(head.flip());
            if (size > CHECK_BYTES) {
                ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - CHECK_BYTES, CHECK_BYTES));
                readFully(ch, tail, size - tail.capacity());
                crc.update(tail.flip());
            }
        }
        return new Fingerprint(file.toString(), size, modified, crc.getValue());
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, position + b.position());
            if (n < 0) {
                break;
            }
        }
    }

    Path entry(Key key) {
        return dir.resolve(key.name() + SUFFIX);
    }

    // ---- reading

    /** An entry read back: the tokens are mapped from the file, not copied onto the heap. */
    record Hit(String level, Vocabulary vocabulary, CorpusStats stats, Tokens tokens, long bytes, long invalidBytes,
            String firstInvalid, long crlf, long boms, long unkTypes) {}

    /** The entry for this key when it is still valid, else null (a damaged entry is removed). */
    Hit read(Key key) {
        Path file = entry(key);
        awaitQuietly(PENDING.get(file), 0);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < DATA_OFFSET + 16) {
                throw new IOException("too short");
            }
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 8);
            readFully(ch, head, 0);
            head.flip();
            for (byte m : MAGIC) {
                if (head.get() != m) {
                    throw new IOException("not a cache entry");
                }
            }
            if (head.getInt() != FORMAT) {
                throw new IOException("another format");
            }
            int width = head.getInt();
            ByteBuffer end = ByteBuffer.allocate(16);
            readFully(ch, end, size - 16);
            end.flip();
            long trailer = end.getLong();
            if (end.getLong() != END_MAGIC || trailer < DATA_OFFSET || trailer > size - 16
                    || (width != 1 && width != 2 && width != 4) || (trailer - DATA_OFFSET) % width != 0) {
                throw new IOException("damaged");
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Channels.newInputStream(ch.position(trailer)), 1 << 16));
            if (!readString(in).equals(key.description())) {
                return null;
            }
            int nFiles = in.readInt();
            List<Fingerprint> stored = new ArrayList<>();
            for (int i = 0; i < nFiles; i++) {
                stored.add(new Fingerprint(readString(in), in.readLong(), in.readLong(), in.readLong()));
            }
            if (!stored.equals(key.files())) {
                return null;
            }
            String level = readString(in);
            int v = in.readInt();
            List<String> tokens = new ArrayList<>(v);
            for (int i = 0; i < v; i++) {
                tokens.add(readString(in));
            }
            long total = in.readLong();
            int newline = in.readInt();
            int unk = in.readInt();
            int endingLength = in.readInt();
            long lines = in.readLong();
            long endingCount = in.readLong();
            int[] ending = new int[in.readInt()];
            for (int i = 0; i < ending.length; i++) {
                ending[i] = in.readInt();
            }
            boolean exact = in.readBoolean();
            long[] counts = new long[v];
            for (int i = 0; i < v; i++) {
                counts[i] = in.readLong();
            }
            int[] longest = new int[v];
            for (int i = 0; i < v; i++) {
                longest[i] = in.readInt();
            }
            long bytes = in.readLong();
            long invalid = in.readLong();
            String firstInvalid = readString(in);
            long crlf = in.readLong();
            long boms = in.readLong();
            long unkTypes = in.readLong();
            long count = (trailer - DATA_OFFSET) / width;
            if (count != total) {
                throw new IOException("token count does not match");
            }
            Tokens mapped = Tokens.over(map(ch, width, count));
            touch(file);
            CorpusStats stats = new CorpusStats(counts, longest, total, newline, unk, endingLength, lines,
                    endingCount, ending, exact);
            return new Hit(level, new Vocabulary(tokens), stats, mapped, bytes, invalid, firstInvalid, crlf, boms,
                    unkTypes);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a later write replaces it anyway
            }
            return null;
        }
    }

    private static Tokens.Store map(FileChannel ch, int width, long count) throws IOException {
        // Segments of at most 1 GiB, the most one buffer can map.
        int bits = width == 1 ? 30 : width == 2 ? 29 : 28;
        long perSegment = 1L << bits;
        int segments = (int) ((count + perSegment - 1) / perSegment);
        ByteBuffer[] parts = new ByteBuffer[segments];
        for (int s = 0; s < segments; s++) {
            long n = Math.min(perSegment, count - s * perSegment);
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, DATA_OFFSET + s * perSegment * width, n * width);
            parts[s] = m.order(ByteOrder.LITTLE_ENDIAN);
        }
        return new Tokens.Mapped(parts, width, count, bits);
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // only eviction order suffers
        }
    }

    // ---- writing

    /** What an entry records about the load besides the tokens. */
    record Meta(String level, Vocabulary vocabulary, CorpusStats stats, long bytes, long invalidBytes,
            String firstInvalid, long crlf, long boms, long unkTypes) {}

    /** Entries being written in the background, by path; a read of one waits for it. */
    private static final Map<Path, Thread> PENDING = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(CorpusCache.class);

    static {
        // Leaving the shell right after a load still leaves a complete entry behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitWrites(120_000), "corpus-cache-exit"));
    }

    /**
     * Writes the entry on a thread of its own and returns at once: the load is done, and the
     * entry is renamed into place only once complete, so a reader never sees half of one.
     */
    void writeLater(Key key, Tokens.Store tokens, Meta meta) {
        Path target = entry(key);
        Thread t = new Thread(() -> {
            try {
                write(key, tokens, meta);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not write the corpus cache entry {}", target, e);
            } finally {
                PENDING.remove(target, Thread.currentThread());
            }
        }, "corpus-cache");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        Thread previous = PENDING.put(target, t);
        awaitQuietly(previous, 0);
        t.start();
    }

    /** Waits for every entry still being written. */
    public static void awaitWrites() {
        awaitWrites(0);
    }

    private static void awaitWrites(long millis) {
        for (Thread t : List.copyOf(PENDING.values())) {
            awaitQuietly(t, millis);
        }
    }

    private static void awaitQuietly(Thread t, long millis) {
        if (t == null) {
            return;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes an entry beside its target and renames it into place. */
    void write(Key key, Tokens.Store tokens, Meta meta) throws IOException {
        Files.createDirectories(dir);
        removeStale();
        Path target = entry(key);
        AtomicFiles.write(target, temporary -> {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int width = tokens.bytesPerToken();
                ByteBuffer head = ByteBuffer.allocate(DATA_OFFSET);
                head.put(MAGIC).putInt(FORMAT).putInt(width);
                head.position(DATA_OFFSET).flip();
                writeFully(channel, head);
                ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 23).order(ByteOrder.LITTLE_ENDIAN);
                tokens.writeTo((ids, n) -> {
                    for (int at = 0; at < n; ) {
                        int k = Math.min(n - at, buffer.remaining() / width);
                        Chunks.put(ids, at, k, buffer);
                        at += k;
                        if (buffer.remaining() < 4) {
                            buffer.flip();
                            writeFully(channel, buffer);
                            buffer.clear();
                        }
                    }
                });
                buffer.flip();
                writeFully(channel, buffer);
                long trailer = DATA_OFFSET + tokens.size() * width;
                if (channel.position() != trailer) {
                    throw new IOException("wrote " + channel.position() + " bytes, expected " + trailer);
                }
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                writeTrailer(out, key, meta);
                out.writeLong(trailer);
                out.writeLong(END_MAGIC);
                out.flush();
                channel.force(false);
            }
        });
        evict(target);
    }

    private static void writeFully(FileChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static void writeTrailer(DataOutputStream out, Key key, Meta meta) throws IOException {
        writeString(out, key.description());
        out.writeInt(key.files().size());
        for (Fingerprint f : key.files()) {
            writeString(out, f.path());
            out.writeLong(f.size());
            out.writeLong(f.modified());
            out.writeLong(f.check());
        }
        writeString(out, meta.level());
        out.writeInt(meta.vocabulary().size());
        for (String t : meta.vocabulary().tokens()) {
            writeString(out, t);
        }
        CorpusStats stats = meta.stats();
        out.writeLong(stats.total());
        out.writeInt(stats.newlineId());
        out.writeInt(stats.unkId());
        out.writeInt(stats.endingLength());
        out.writeLong(stats.lines());
        out.writeLong(stats.commonEndingCount());
        int[] ending = stats.commonEnding();
        out.writeInt(ending.length);
        for (int e : ending) {
            out.writeInt(e);
        }
        out.writeBoolean(stats.endingExact());
        for (long c : stats.countsArray()) {
            out.writeLong(c);
        }
        for (int r : stats.longestRunArray()) {
            out.writeInt(r);
        }
        out.writeLong(meta.bytes());
        out.writeLong(meta.invalidBytes());
        writeString(out, meta.firstInvalid());
        out.writeLong(meta.crlf());
        out.writeLong(meta.boms());
        out.writeLong(meta.unkTypes());
    }

    /** A file {@link AtomicFiles#write} writes before renaming it into place (earlier versions: {@code .writing}). */
    private static boolean temporary(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".writing"));
    }

    /** Temporary files left by a process that was killed while writing. */
    private void removeStale() {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(CorpusCache::temporary).toList()) {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() < hourAgo) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another process may be finishing it
                }
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** Bytes free where the cache lives, or -1 when unknown. */
    long usableSpace() {
        try {
            Path p = dir;
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    // ---- housekeeping

    /** An entry on disk. */
    public record Entry(Path path, long bytes, FileTime lastUsed) {}

    public List<Entry> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    out.add(new Entry(p, Files.size(p), Files.getLastModifiedTime(p)));
                } catch (IOException ignored) {
                    // removed meanwhile
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(Entry::lastUsed).reversed());
        return out;
    }

    /** Removes every entry; returns the bytes freed. */
    public long clear() throws IOException {
        awaitWrites();
        long freed = 0;
        for (Entry e : entries()) {
            Files.deleteIfExists(e.path());
            freed += e.bytes();
        }
        return freed;
    }

    private void evict(Path keep) {
        long total = 0;
        List<Entry> all = entries();
        for (Entry e : all) {
            total += e.bytes();
        }
        for (int i = all.size() - 1; i >= 0 && total > MAX_TOTAL_BYTES; i--) {
            Entry e = all.get(i);
            if (!e.path().equals(keep)) {
                try {
                    Files.deleteIfExists(e.path());
                    total -= e.bytes();
                } catch (IOException ignored) {
                    // try the next one
                }
            }
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 26)) {
            throw new IOException("damaged string");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}

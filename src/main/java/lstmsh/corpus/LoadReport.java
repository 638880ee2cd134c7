package lstmsh.corpus;

/**
 * How a load went, beyond the corpus itself: what was read, what had to be repaired, and
 * whether the cache was used.
 *
 * @param source the files read
 * @param bytes bytes read (or, from the cache, the bytes the corpus was made from)
 * @param invalidBytes bytes that were not valid in the encoding, each replaced by U+FFFD
 * @param firstInvalid where the first invalid byte was, e.g. {@code byte 1234 (line 7) of a.txt}; empty when none
 * @param crlf Windows line endings turned into newlines
 * @param byteOrderMarks byte-order marks dropped
 * @param unkTypes distinct tokens that {@code <unk>} stands for
 * @param cache what the cache did
 * @param cacheNote why the cache was not used or not written; empty otherwise
 * @param seconds wall-clock time of the load
 */
public record LoadReport(
        CorpusSource source,
        long bytes,
        long invalidBytes,
        String firstInvalid,
        long crlf,
        long byteOrderMarks,
        long unkTypes,
        Cache cache,
        String cacheNote,
        double seconds) {

    /** What the cache did for this load. */
    public enum Cache {
        /** No cache: turned off, or the source is below the size worth caching. */
        OFF,
        /** Read from the cache. */
        HIT,
        /** Encoded; the cache entry is being written in the background. */
        WRITING,
        /** Encoded, but the cache could not be written (see the note). */
        FAILED
    }

    /** Megabytes (10^6 bytes) read per second. */
    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }
}

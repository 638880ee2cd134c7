package lstmsh.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one pass over the bytes: decodes, normalises, splits and numbers tokens in the order they
 * are first seen ("provisional" ids), counting each. UTF-8 is decoded by hand with a fast path
 * for ASCII; every invalid byte becomes one U+FFFD and is counted. Nothing of the text is kept
 * but the ids.
 */
final class StreamEncoder implements WordSplitter.Sink {

    static final int BUFFER = 1 << 22;

    /** What the encoder reports between buffers; {@code false} from {@code advance} stops the pass. */
    interface Listener {
        boolean advance(long bytes);
    }

    /** Thrown when the listener asked to stop. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private final boolean word;
    private final boolean lowercase;
    final TokenBuffer out;
    long[] counts = new long[256];
    /** Provisional id → token text. */
    final List<String> names = new ArrayList<>();
    /** Provisional id → code point at character level; -1 for special tokens. */
    int[] codePoints = new int[256];
    private final int[] ascii = new int[128];
    private final int[] rawAscii = new int[128];
    private int[] codePointIds;
    private final TokenTable table = new TokenTable();
    private final WordSplitter splitter;
    final Normalizer norm;
    private byte[] buffer;

    long invalidBytes;
    Path firstInvalidFile;
    long firstInvalidOffset = -1;
    long bytes;

    /** @param verbatim at word level, keep blanks and quotes as written (see {@link WordSplitter}) */
    StreamEncoder(boolean word, boolean verbatim, boolean lowercase, long expectedTokens) {
        this.word = word;
        this.lowercase = lowercase;
        this.out = new TokenBuffer(expectedTokens);
        Arrays.fill(ascii, -1);
        Arrays.fill(rawAscii, -1);
        this.splitter = word ? new WordSplitter(this, verbatim) : null;
        this.norm = new Normalizer(lowercase, word ? splitter::accept : this::character);
    }

    // ---- ids

    private int register(String name, int cp) {
        int id = names.size();
        names.add(name);
        if (id == counts.length) {
            counts = Arrays.copyOf(counts, id * 2);
            codePoints = Arrays.copyOf(codePoints, id * 2);
        }
        codePoints[id] = cp;
        out.fit(id);
        return id;
    }

    private int idOf(int cp) {
        if (cp < 128) {
            int id = ascii[cp];
            if (id < 0) {
                id = register(String.valueOf((char) cp), cp);
                ascii[cp] = id;
            }
            return id;
        }
        if (codePointIds == null) {
            codePointIds = new int[Character.MAX_CODE_POINT + 1];
            Arrays.fill(codePointIds, -1);
        }
        int id = codePointIds[cp];
        if (id < 0) {
            id = register(new String(Character.toChars(cp)), cp);
            codePointIds[cp] = id;
        }
        return id;
    }

    private int docId = -1;

    private int docId() {
        if (docId < 0) {
            docId = register(Vocabulary.DOC, -1);
        }
        return docId;
    }

    private void add(int id) {
        counts[id]++;
        out.add(id);
    }

    private void character(int cp) {
        add(idOf(cp));
    }

    @Override
    public void word(char[] chars, int length, int hash) {
        int id = table.find(chars, length, hash);
        if (id < 0) {
            id = register(new String(chars, 0, length), -1);
            table.put(id, chars, length, hash);
        }
        add(id);
    }

    @Override
    public void single(int codePoint) {
        add(idOf(codePoint));
    }

    // ---- files

    /** Ends a file that another follows: a document separator on a line of its own. */
    private void separator() {
        int newline = idOf('\n');
        if (out.size() > 0 && out.get(out.size() - 1) != newline) {
            add(newline);
        }
        add(docId());
        add(newline);
    }

    /** Encodes text already in memory, as one file. */
    void text(String text) {
        norm.newFile();
        text.codePoints().forEach(norm::accept);
        if (word) {
            splitter.finish();
        }
    }

    /**
     * Encodes bytes [start, end) of a file. A piece that does not start the file starts right
     * after a newline, where no state carries over; {@code separatorAfter} ends the file with
     * {@code <doc>} because another follows.
     */
    void piece(Path file, long start, long end, boolean fileStart, boolean separatorAfter, Charset charset,
            Listener listener) throws IOException {
        if (fileStart) {
            norm.newFile();
        } else {
            norm.start = false;
            norm.afterCr = false;
        }
        if (buffer == null) {
            buffer = new byte[BUFFER];
        }
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        CharsetDecoder decoder = utf8 ? null : charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = utf8 ? null : CharBuffer.allocate(BUFFER / 2);
        int[] pendingHigh = {-1};
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] b = buffer;
            int have = 0;
            long base = start;
            long next = start;
            boolean first = fileStart && utf8;
            if (utf8) {
                norm.start = false;
            }
            while (true) {
                int n = next >= end ? -1 : ch.read(ByteBuffer.wrap(b, have, (int) Math.min(b.length - have, end - next)), next);
                boolean eof = n < 0;
                if (n > 0) {
                    have += n;
                    next += n;
                    bytes += n;
                }
                int from = 0;
                if (first) {
                    if (have < 3 && !eof) {
                        continue;
                    }
                    first = false;
                    if (have >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                        from = 3;
                        norm.boms++;
                    }
                }
                int stop = utf8
                        ? utf8(b, from, have, eof, base, file)
                        : decode(decoder, b, have, eof, base, file, chars, pendingHigh);
                int tail = have - stop;
                System.arraycopy(b, stop, b, 0, tail);
                base += stop;
                have = tail;
                if (out.size() > Integer.MAX_VALUE - 2L * BUFFER) {
                    throw new TooManyTokens();
                }
                if (n > 0 && !listener.advance(n)) {
                    throw new Stopped();
                }
                if (eof) {
                    break;
                }
            }
        }
        if (word) {
            splitter.finish();
        }
        if (separatorAfter) {
            separator();
        }
    }

    /** More tokens than one corpus can index. */
    static final class TooManyTokens extends RuntimeException {
        TooManyTokens() {
            super(null, null, false, false);
        }
    }

    // ---- UTF-8

    /** Decodes b[from, to) and returns where it stopped: at {@code to}, or before a sequence cut off by the buffer's end. */
    private int utf8(byte[] b, int from, int to, boolean eof, long base, Path file) {
        if (!word) {
            return chars(b, from, to, eof, base, file);
        }
        int i = from;
        while (i < to) {
            int x = b[i];
            if (x >= 0) {
                norm.accept(x);
                i++;
            } else {
                int n = multiByte(b, i, to, eof, base, file);
                if (n == 0) {
                    return i;
                }
                i += n;
            }
        }
        return i;
    }

    /**
     * Character level: ASCII goes from byte to id through a table, doing the normaliser's work on
     * line endings and case in line. Returns where it stopped: the end or a cut-off sequence.
     */
    private int chars(byte[] b, int i, int to, boolean eof, long base, Path file) {
        long[] cnt = counts;
        int[] raw = rawAscii;
        boolean cr = norm.afterCr;
        while (i < to) {
            int x = b[i];
            if (x >= 0) {
                if (x == '\r') {
                    cr = true;
                    x = '\n';
                } else if (x == '\n' && cr) {
                    cr = false;
                    norm.crlf++;
                    i++;
                    continue;
                } else {
                    cr = false;
                }
                int id = raw[x];
                if (id < 0) {
                    id = idOf(lowercase ? Character.toLowerCase(x) : x);
                    raw[x] = id;
                    cnt = counts;
                }
                cnt[id]++;
                out.add(id);
                i++;
            } else {
                norm.afterCr = cr;
                int n = multiByte(b, i, to, eof, base, file);
                if (n == 0) {
                    return i;
                }
                i += n;
                cnt = counts;
                cr = norm.afterCr;
            }
        }
        norm.afterCr = cr;
        return i;
    }

    /** One sequence that starts with a non-ASCII byte: bytes consumed, or 0 when it is cut off. */
    private int multiByte(byte[] b, int i, int to, boolean eof, long base, Path file) {
        int b0 = b[i] & 0xFF;
        int need;
        int cp;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            cp = b0 & 0x0F;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            cp = b0 & 0x07;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            invalid(base + i, file);
            return 1;
        }
        for (int k = 1; k <= need; k++) {
            if (i + k >= to) {
                if (!eof) {
                    return 0;
                }
                invalid(base + i, file);
                return 1;
            }
            int bk = b[i + k] & 0xFF;
            if (k == 1 ? bk < lo || bk > hi : (bk & 0xC0) != 0x80) {
                invalid(base + i, file);
                return 1;
            }
            cp = (cp << 6) | (bk & 0x3F);
        }
        norm.accept(cp);
        return need + 1;
    }

    private void invalid(long offset, Path file) {
        if (firstInvalidOffset < 0) {
            firstInvalidOffset = offset;
            firstInvalidFile = file;
        }
        invalidBytes++;
        norm.accept(0xFFFD);
    }

    // ---- other encodings

    private int decode(CharsetDecoder decoder, byte[] b, int have, boolean eof, long base, Path file,
            CharBuffer chars, int[] pendingHigh) {
        ByteBuffer in = ByteBuffer.wrap(b, 0, have);
        while (true) {
            CoderResult r = decoder.decode(in, chars, eof);
            drain(chars, pendingHigh);
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    invalid(base + in.position() + k, file);
                }
                in.position(in.position() + r.length());
            } else if (r.isUnderflow()) {
                break;
            }
        }
        if (eof) {
            decoder.flush(chars);
            drain(chars, pendingHigh);
            if (pendingHigh[0] >= 0) {
                norm.accept(0xFFFD);
                pendingHigh[0] = -1;
            }
        }
        return in.position();
    }

    private void drain(CharBuffer chars, int[] pendingHigh) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (pendingHigh[0] >= 0) {
                char high = (char) pendingHigh[0];
                pendingHigh[0] = -1;
                if (Character.isLowSurrogate(c)) {
                    norm.accept(Character.toCodePoint(high, c));
                    continue;
                }
                norm.accept(0xFFFD);
            }
            if (Character.isHighSurrogate(c)) {
                pendingHigh[0] = c;
            } else if (Character.isLowSurrogate(c)) {
                norm.accept(0xFFFD);
            } else {
                norm.accept(c);
            }
        }
        chars.clear();
    }
}

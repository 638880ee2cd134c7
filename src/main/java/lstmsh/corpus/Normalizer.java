package lstmsh.corpus;

import java.util.function.IntConsumer;

/**
 * The normalisations every level applies, one code point at a time: a byte-order mark at the
 * start of a file is dropped, Windows (CR LF) and old Mac (CR) line endings become one newline,
 * and with {@code lowercase} each code point is lowercased on its own (so the text never
 * changes length).
 */
final class Normalizer {

    private final boolean lowercase;
    private final IntConsumer next;
    boolean start = true;
    boolean afterCr;
    long crlf;
    long boms;

    Normalizer(boolean lowercase, IntConsumer next) {
        this.lowercase = lowercase;
        this.next = next;
    }

    void newFile() {
        start = true;
        afterCr = false;
    }

    void accept(int cp) {
        if (start) {
            start = false;
            if (cp == 0xFEFF) {
                boms++;
                return;
            }
        }
        if (cp == '\r') {
            afterCr = true;
            next.accept('\n');
            return;
        }
        if (cp == '\n' && afterCr) {
            afterCr = false;
            crlf++;
            return;
        }
        afterCr = false;
        next.accept(lowercase ? Character.toLowerCase(cp) : cp);
    }
}

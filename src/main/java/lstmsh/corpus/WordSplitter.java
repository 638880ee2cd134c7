package lstmsh.corpus;

/**
 * Splits a stream of code points into words, punctuation marks and newlines, one code point at
 * a time, so a file streams through it without being held as a String.
 *
 * <ul>
 *   <li>A word is a run of letters, digits, marks and {@code _}. An apostrophe, hyphen or
 *       full stop between two letters or digits stays inside it ({@code don't}, {@code
 *       well-known}, {@code e.g}, {@code 3.14}), and so does a comma between two digits
 *       ({@code 1,000}).
 *   <li>A newline is a token; spaces, tabs and other blanks only separate tokens.
 *   <li>Every other code point is a token of its own. Straight quotes become curly ones by
 *       position: after a blank, the start or an opening mark they open ({@code “ ‘}), elsewhere
 *       they close ({@code ” ’}), so the direction survives and text joins back readably.
 * </ul>
 *
 * <p>Verbatim ({@code word-verbatim}) keeps the text as written, for code: quotes stay as they
 * are, a single space before a word or mark becomes part of that token ({@code " x"}), and any
 * other run of blanks (indentation, two spaces, a tab) is a token of its own, so the tokens
 * concatenate back to the text exactly.
 */
final class WordSplitter {

    /** A longer run of word characters is cut into pieces of this many chars (e.g. a hash or base64). */
    static final int MAX_WORD = 256;

    /** Where tokens go; {@code word} gets a buffer that is reused, so copy what you keep. */
    interface Sink {
        /** {@code hash} is {@code chars[0, length)}'s String hash. */
        void word(char[] chars, int length, int hash);

        void single(int codePoint);
    }

    private final Sink sink;
    private char[] word = new char[64];
    private int length;
    private int hash;
    private int lastWordCodePoint;
    private int pending = -1;
    private boolean boundary = true;
    private final boolean verbatim;
    private final StringBuilder blanks = new StringBuilder();

    WordSplitter(Sink sink, boolean verbatim) {
        this.sink = sink;
        this.verbatim = verbatim;
    }

    void accept(int cp) {
        if (verbatim && !blanks.isEmpty() && pending < 0 && !isBlank(cp)) {
            boolean prefix = blanks.length() == 1 && blanks.charAt(0) == ' ' && cp != '\n';
            if (prefix) {
                blanks.setLength(0);
                flushWord();
                append(' ');
                if (!isWordChar(cp)) {
                    append(cp);
                    flushWord();
                    boundary = opens(cp);
                    return;
                }
            } else {
                flushBlanks();
            }
        }
        if (pending >= 0) {
            int p = pending;
            pending = -1;
            if (continues(p, cp)) {
                append(p);
                append(cp);
                lastWordCodePoint = cp;
                return;
            }
            flushWord();
            mark(p);
        }
        if (isWordChar(cp)) {
            append(cp);
            lastWordCodePoint = cp;
            return;
        }
        if (length > 0 && isJoiner(cp)) {
            pending = cp;
            return;
        }
        flushWord();
        if (cp == '\n') {
            sink.single('\n');
            boundary = true;
        } else if (isBlank(cp)) {
            if (verbatim) {
                blanks.appendCodePoint(cp);
            }
            boundary = true;
        } else {
            mark(cp);
        }
    }

    /** Ends the stream: emits what is still held. */
    void finish() {
        if (pending >= 0) {
            int p = pending;
            pending = -1;
            flushWord();
            mark(p);
        }
        flushWord();
        flushBlanks();
        boundary = true;
    }

    /** A run of blanks, verbatim, as one token. */
    private void flushBlanks() {
        if (!blanks.isEmpty()) {
            flushWord();
            for (int i = 0; i < blanks.length(); i++) {
                append(blanks.charAt(i));
            }
            blanks.setLength(0);
            flushWord();
        }
    }

    private boolean continues(int joiner, int next) {
        if (joiner == ',') {
            return Character.isDigit(lastWordCodePoint) && Character.isDigit(next);
        }
        return Character.isLetterOrDigit(next);
    }

    private static boolean isJoiner(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '-' || cp == '.' || cp == ',';
    }

    static boolean isWordChar(int cp) {
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    static boolean isBlank(int cp) {
        return cp != '\n' && (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '\uFEFF');
    }

    private void mark(int cp) {
        int token = cp;
        if (verbatim) {
            token = cp;
        } else if (cp == '"') {
            token = boundary ? '\u201C' : '\u201D';
        } else if (cp == '\'') {
            token = boundary ? '\u2018' : '\u2019';
        }
        sink.single(token);
        boundary = opens(token);
    }

    /** An opening mark: after it a quote opens too (see {@link WordTokenizer}). */
    static boolean opens(int cp) {
        return switch (cp) {
            case '(', '[', '{', '\u201C', '\u2018', '\u2014', '\u00BF', '\u00A1' -> true;
            default -> false;
        };
    }

    private void flushWord() {
        if (length > 0) {
            sink.word(word, length, hash);
            length = 0;
            hash = 0;
            boundary = false;
        }
    }

    private void append(int cp) {
        if (length >= MAX_WORD) {
            flushWord();
        }
        if (length + 2 > word.length) {
            word = java.util.Arrays.copyOf(word, word.length * 2);
        }
        if (Character.isBmpCodePoint(cp)) {
            word[length++] = (char) cp;
            hash = 31 * hash + cp;
        } else {
            char high = Character.highSurrogate(cp);
            char low = Character.lowSurrogate(cp);
            word[length++] = high;
            word[length++] = low;
            hash = 31 * (31 * hash + high) + low;
        }
    }
}

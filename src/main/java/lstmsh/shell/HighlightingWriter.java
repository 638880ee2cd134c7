package lstmsh.shell;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Colours whole lines by how they begin ("warning ...", "error: ..."), so every command's
 * warnings and errors are tinted without the command knowing about colours. Characters are
 * held back only while a line's start could still become one of the prefixes, and a flush
 * releases them, so streamed output (samples) is never delayed past a flush.
 */
final class HighlightingWriter extends Writer {

    private static final String RESET = "\u001b[0m";

    private final Writer out;
    /** Line prefix → the escape sequence that starts its colour. */
    private final Map<String, String> rules;
    private final int longest;
    private final StringBuilder head = new StringBuilder();
    private boolean decided;
    /** The colour of the current line, or null. */
    private String colour;
    /** The colour was reset at a flush and is set again before the line goes on. */
    private boolean paused;

    HighlightingWriter(Writer out, Map<String, String> rules) {
        this.out = out;
        this.rules = Map.copyOf(rules);
        this.longest = rules.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            put(buffer[i]);
        }
    }

    private void put(char c) throws IOException {
        if (c == '\n' || c == '\r') {
            release();
            if (colour != null && !paused) {
                out.write(RESET);
            }
            colour = null;
            paused = false;
            out.write(c);
            decided = false;
            return;
        }
        if (decided) {
            if (paused) {
                out.write(colour);
                paused = false;
            }
            out.write(c);
            return;
        }
        head.append(c);
        String start = head.toString();
        String matched = rules.get(start);
        if (matched != null) {
            colour = matched;
            out.write(colour);
            release();
            return;
        }
        boolean couldMatch = start.length() < longest
                && rules.keySet().stream().anyMatch(prefix -> prefix.startsWith(start));
        if (!couldMatch) {
            release();
        }
    }

    /** Writes what was held back as it is and stops looking at this line's start. */
    private void release() throws IOException {
        if (head.length() > 0) {
            out.write(head.toString());
            head.setLength(0);
        }
        decided = true;
    }

    @Override
    public void flush() throws IOException {
        if (head.length() > 0) {
            release();
        }
        if (colour != null && !paused) {
            // Whatever is written next by someone else (the line editor) starts uncoloured.
            out.write(RESET);
            paused = true;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}

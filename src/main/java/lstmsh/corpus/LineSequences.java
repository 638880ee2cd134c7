package lstmsh.corpus;

import java.util.Arrays;

/**
 * A token stream read as lines, each its own sequence (line mode). A line's sequence starts
 * from a newline (the one before it, or an implied one at the start) and predicts every token
 * of the line up to and including its closing newline. Lines longer than {@code maxLength}
 * targets are cut into pieces of at most that many, each read on its own.
 */
public final class LineSequences {

    private final Tokens tokens;
    private final int newlineId;
    private final int[] starts;
    private final int[] lengths;
    private final int lines;
    private final int cut;

    private LineSequences(Tokens tokens, int newlineId, int[] starts, int[] lengths, int lines, int cut) {
        this.tokens = tokens;
        this.newlineId = newlineId;
        this.starts = starts;
        this.lengths = lengths;
        this.lines = lines;
        this.cut = cut;
    }

    /**
     * @param dropLeadingPartial skip the text before the first newline (it continues a line cut off before)
     * @param dropTrailingPartial skip text after the last newline (it continues past the slice)
     */
    public static LineSequences of(Tokens tokens, int newlineId, int maxLength,
            boolean dropLeadingPartial, boolean dropTrailingPartial) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        int n = tokens.size();
        int[] starts = new int[16];
        int[] lengths = new int[16];
        int pieces = 0;
        int lines = 0;
        int cut = 0;
        int lineStart = 0;
        boolean first = true;
        for (int i = 0; i < n; i++) {
            boolean end = tokens.get(i) == newlineId;
            boolean last = i == n - 1;
            if (!end && !(last && !dropTrailingPartial)) {
                continue;
            }
            if (!(first && dropLeadingPartial)) {
                int length = i - lineStart + 1;
                lines++;
                if (length > maxLength) {
                    cut++;
                }
                for (long s = lineStart; s <= i; s += maxLength) {
                    if (pieces == starts.length) {
                        starts = Arrays.copyOf(starts, pieces * 2);
                        lengths = Arrays.copyOf(lengths, pieces * 2);
                    }
                    starts[pieces] = (int) s;
                    lengths[pieces] = (int) Math.min(maxLength, i - s + 1);
                    pieces++;
                }
            }
            first = false;
            lineStart = i + 1;
        }
        return new LineSequences(tokens, newlineId, Arrays.copyOf(starts, pieces), Arrays.copyOf(lengths, pieces),
                lines, cut);
    }

    /** Sequences (pieces of lines). */
    public int size() {
        return starts.length;
    }

    /** Whole lines read. */
    public int lines() {
        return lines;
    }

    /** Lines longer than the longest piece, read in several pieces. */
    public int cutLines() {
        return cut;
    }

    /** Targets of sequence {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    public int longest() {
        int m = 0;
        for (int l : lengths) {
            m = Math.max(m, l);
        }
        return m;
    }

    /** Predicted tokens in all sequences. */
    public long targets() {
        long t = 0;
        for (int l : lengths) {
            t += l;
        }
        return t;
    }

    /** Copies sequence {@code i}'s inputs and targets to {@code offset}; the caller pads the rest. */
    public void copy(int i, long[] inputs, long[] targets, int offset) {
        int s = starts[i];
        int len = lengths[i];
        inputs[offset] = s == 0 ? newlineId : tokens.get(s - 1);
        tokens.copyTo(s, inputs, offset + 1, len - 1);
        tokens.copyTo(s, targets, offset, len);
    }
}

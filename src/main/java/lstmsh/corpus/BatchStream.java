package lstmsh.corpus;

/**
 * Truncated back-propagation over contiguous chunks: the stream is cut into {@code batch}
 * equal lanes, and step k reads the k-th window of {@code seq + 1} tokens from every lane,
 * so the state left by one window is the right start for the next (as char-rnn and
 * word_language_model do). An epoch ends when a lane has no full window left.
 */
public final class BatchStream {

    private final Tokens tokens;
    private final int batch;
    private final int seq;
    private final int laneLength;
    private final int windowsPerEpoch;

    public BatchStream(Tokens tokens, int batch, int seq) {
        if (batch < 1 || seq < 1) {
            throw new IllegalArgumentException("batch and seq must be positive");
        }
        this.tokens = tokens;
        this.batch = batch;
        this.seq = seq;
        this.laneLength = tokens.size() / batch;
        this.windowsPerEpoch = laneLength <= seq ? 0 : (laneLength - 1) / seq;
    }

    /** Tokens a stream of this shape needs to make one window. */
    public static long minimumTokens(int batch, int seq) {
        return (long) batch * (seq + 1);
    }

    public int windowsPerEpoch() {
        return windowsPerEpoch;
    }

    public int batch() {
        return batch;
    }

    public int seq() {
        return seq;
    }

    /**
     * Fills inputs and targets, each batch × seq in row-major order, for window {@code w} of
     * an epoch (0-based, below {@link #windowsPerEpoch()}).
     */
    public void window(int w, long[] inputs, long[] targets) {
        if (w < 0 || w >= windowsPerEpoch) {
            throw new IndexOutOfBoundsException("window " + w + " of " + windowsPerEpoch);
        }
        for (int b = 0; b < batch; b++) {
            int start = b * laneLength + w * seq;
            tokens.copyTo(start, inputs, b * seq, seq);
            tokens.copyTo(start + 1, targets, b * seq, seq);
        }
    }
}

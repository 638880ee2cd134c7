package lstmsh.train;

import lstmsh.corpus.BatchStream;
import lstmsh.corpus.Tokens;

/** Contiguous windows of the token stream (see {@link BatchStream}); the arrays are reused. */
public final class StreamBatches implements Batches {

    private final BatchStream stream;
    private final long[] inputs;
    private final long[] targets;

    public StreamBatches(Tokens tokens, int batch, int seq) {
        this.stream = new BatchStream(tokens, batch, seq);
        this.inputs = new long[batch * seq];
        this.targets = new long[batch * seq];
    }

    @Override
    public int perEpoch() {
        return stream.windowsPerEpoch();
    }

    @Override
    public int capacity() {
        return inputs.length;
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public String shape() {
        return "stream " + stream.batch() + "x" + stream.seq();
    }

    @Override
    public Batch get(long position, long seed) {
        stream.window((int) (position % stream.windowsPerEpoch()), inputs, targets);
        return new Batch(inputs, targets, null, stream.batch(), stream.seq(), inputs.length);
    }
}

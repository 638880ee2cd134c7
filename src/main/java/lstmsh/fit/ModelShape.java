package lstmsh.fit;

import java.util.Collections;
import java.util.List;

/** An embedding width and a stack of equal LSTM layers: what the planner sizes. */
public record ModelShape(int embed, int hidden, int layers) {

    public List<Integer> hiddenSizes() {
        return Collections.nCopies(layers, hidden);
    }

    /** Parameters of embedding → LSTM layers (two bias vectors each, as PyTorch) → linear over {@code vocab}. */
    public long parameters(int vocab) {
        long total = (long) vocab * embed;
        int in = embed;
        for (int l = 0; l < layers; l++) {
            total += 4L * hidden * (in + hidden) + 8L * hidden;
            in = hidden;
        }
        return total + (long) hidden * vocab + vocab;
    }

    /** Multiply-adds × 2 of a training step per token: forward and backward are about three forwards. */
    public double flopsPerToken(int vocab) {
        double forward = 0;
        int in = embed;
        for (int l = 0; l < layers; l++) {
            forward += 2.0 * 4 * hidden * (in + hidden);
            in = hidden;
        }
        forward += 2.0 * hidden * vocab;
        return 3 * forward;
    }

    public String label() {
        return layers + " × " + hidden;
    }
}

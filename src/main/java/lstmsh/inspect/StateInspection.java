package lstmsh.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapes and sizes of what an LSTM returns for one input: the output sequence, and h_n and c_n
 * of every layer. The output at the last step is the top layer's h_n; lower layers' h_n are
 * their own and feed the next layer, not the output.
 */
public final class StateInspection {

    private StateInspection() {}

    /** One layer's final state. */
    public record Layer(int index, int hidden, double hNorm, double cNorm, double diffFromOutput) {}

    /**
     * @param outputHnDiff max |output[:, -1, :] - h_n[top]|: zero up to rounding
     */
    public record Report(int steps, int topHidden, List<Layer> layers, double outputHnDiff, boolean uniform) {

        /** The largest difference between the output's last step and a lower layer's h_n of the same size; NaN if none. */
        public double lowerHnDiff() {
            return layers.stream().filter(l -> l.index() < layers.size() - 1 && l.hidden() == topHidden)
                    .mapToDouble(Layer::diffFromOutput).max().orElse(Double.NaN);
        }
    }

    public static Report of(LstmProbe.Result probe) {
        int layersCount = probe.fusedH().length;
        float[] lastOutput = probe.fusedOutput()[probe.steps() - 1];
        List<Layer> layers = new ArrayList<>();
        boolean uniform = true;
        for (int l = 0; l < layersCount; l++) {
            float[] h = probe.fusedH()[l];
            float[] c = probe.fusedC()[l];
            uniform &= h.length == lastOutput.length;
            layers.add(new Layer(l, h.length, Vectors.norm(h), Vectors.norm(c), Vectors.maxAbsDiff(h, lastOutput)));
        }
        double diff = Vectors.maxAbsDiff(probe.fusedH()[layersCount - 1], lastOutput);
        return new Report(probe.steps(), lastOutput.length, layers, diff, uniform);
    }
}

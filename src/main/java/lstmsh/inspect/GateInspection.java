package lstmsh.inspect;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import java.util.ArrayList;
import java.util.List;

/**
 * How the gates behave over an input: mean activations, and the share that sit saturated near
 * 0 or 1 (gates) or near ±1 (tanh units), where gradients vanish.
 */
public final class GateInspection {

    /** A sigmoid gate below this or above 1 minus this counts as saturated. */
    public static final double GATE_MARGIN = 0.05;
    /** A tanh unit whose magnitude exceeds this counts as saturated. */
    public static final double TANH_LIMIT = 0.95;
    /** SATURATED_GATES is raised when more than this share of all activations is saturated. */
    public static final double SATURATED_SHARE_LIMIT = 0.5;
    /** The recomputed gates must give the fused op's h and c to this tolerance. */
    public static final double TOLERANCE = 1e-5;

    private GateInspection() {}

    public record Layer(int index, double meanInput, double meanForget, double meanOutput, double meanCandidate,
            double saturatedGates, double saturatedTanh) {}

    public record Report(List<Layer> layers, double saturatedShare, double recomputationError) {

        public boolean saturated() {
            return saturatedShare > SATURATED_SHARE_LIMIT;
        }

        /** SATURATED_GATES when more than the limit of all activations sit saturated; nothing otherwise. */
        public List<Finding> findings() {
            if (!saturated()) {
                return List.of();
            }
            return List.of(Finding.warning(FindingCode.SATURATED_GATES,
                    String.format("%.0f%% of gate and tanh activations are saturated (limit %.0f%%)",
                            100 * saturatedShare, 100 * SATURATED_SHARE_LIMIT),
                    "train with a lower --lr and --clip 1, or model new with a smaller --init scale"));
        }

        public boolean matchesFused() {
            return recomputationError <= TOLERANCE;
        }
    }

    public static Report of(LstmProbe.Result probe) {
        List<Layer> layers = new ArrayList<>();
        long saturated = 0;
        long total = 0;
        for (int l = 0; l < probe.layers().size(); l++) {
            LstmProbe.LayerTrace t = probe.layers().get(l);
            long gateSaturated = 0;
            long gateCount = 0;
            long tanhSaturated = 0;
            long tanhCount = 0;
            for (float[][] gate : List.of(t.input(), t.forget(), t.output())) {
                for (float[] row : gate) {
                    for (float v : row) {
                        if (v < GATE_MARGIN || v > 1 - GATE_MARGIN) {
                            gateSaturated++;
                        }
                        gateCount++;
                    }
                }
            }
            for (int s = 0; s < t.steps(); s++) {
                for (int u = 0; u < t.hidden(); u++) {
                    if (Math.abs(t.candidate()[s][u]) > TANH_LIMIT) {
                        tanhSaturated++;
                    }
                    if (Math.abs(Math.tanh(t.cell()[s][u])) > TANH_LIMIT) {
                        tanhSaturated++;
                    }
                    tanhCount += 2;
                }
            }
            layers.add(new Layer(l, mean(t.input()), mean(t.forget()), mean(t.output()), mean(t.candidate()),
                    (double) gateSaturated / gateCount, (double) tanhSaturated / tanhCount));
            saturated += gateSaturated + tanhSaturated;
            total += gateCount + tanhCount;
        }
        return new Report(layers, (double) saturated / total, probe.recomputationError());
    }

    static double mean(float[][] values) {
        double sum = 0;
        long n = 0;
        for (float[] row : values) {
            for (float v : row) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}

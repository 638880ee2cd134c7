package lstmsh.inspect;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.inspect.LstmProbe.Gate;
import lstmsh.train.MetricPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the gates behave over an input: mean activations, the share that sit saturated near 0 or 1
 * (gates) or near ±1 (tanh units), and the saturation table of Karpathy, Johnson and Fei-Fei
 * ("Visualizing and Understanding Recurrent Networks", 2015): per layer and gate, the share of
 * time it is left-saturated (below {@link #LEFT}) and right-saturated (above {@link #RIGHT}).
 */
public final class GateInspection {

    /** A sigmoid gate below this or above 1 minus this counts as saturated in the per-input columns. */
    public static final double GATE_MARGIN = 0.05;
    /** A tanh unit whose magnitude exceeds this counts as saturated. */
    public static final double TANH_LIMIT = 0.95;
    /** Karpathy et al.'s thresholds: a gate below this is left-saturated... */
    public static final double LEFT = 0.1;
    /** ...and above this right-saturated. */
    public static final double RIGHT = 0.9;
    /**
     * SATURATED_GATES when, in one layer, the input, forget and output gates together spend more than
     * this share of the time saturated (left or right). A trained model keeps some forget gates open
     * (right-saturated: long memory) and some input gates shut; all three at their ends is stuck.
     * Saturation is a warning only while it blocks learning: on an untrained model, or once the
     * training loss has flattened; while the loss still falls the gates evidently pass gradient, and
     * it is info.
     */
    public static final double SATURATED_SHARE_LIMIT = 0.6;
    /** The recomputed gates must give the fused op's h and c to this tolerance. */
    public static final double TOLERANCE = 1e-5;

    private static final List<Gate> GATES = List.of(Gate.INPUT, Gate.FORGET, Gate.OUTPUT);

    private GateInspection() {}

    public record Layer(int index, double meanInput, double meanForget, double meanOutput, double meanCandidate,
            double saturatedGates, double saturatedTanh) {}

    /** One row of the saturation table: the share of (step, unit) activations of one gate below {@link #LEFT} and above {@link #RIGHT}. */
    public record Saturation(int layer, Gate gate, double left, double right) {

        public double saturated() {
            return left + right;
        }
    }

    /**
     * The saturation table over {@code inputs} inputs of {@code steps} steps in all.
     *
     * @param source where the inputs came from, for the evidence (e.g. "8 validation windows")
     */
    public record SaturationTable(String source, long steps, List<Saturation> rows) {

        /** Per layer, the share of time its three gates spend saturated, left and right together. */
        public double layerShare(int layer) {
            return rows.stream().filter(r -> r.layer() == layer).mapToDouble(Saturation::saturated).average().orElse(0);
        }

        public int layers() {
            return rows.stream().mapToInt(Saturation::layer).max().orElse(-1) + 1;
        }

        /**
         * SATURATED_GATES when some layer's gates are saturated more than {@link #SATURATED_SHARE_LIMIT}
         * of the time: a warning when {@code history} is empty or its training loss has flattened, info
         * while the loss still falls (or too few steps to tell).
         */
        public List<Finding> findings(List<MetricPoint> history) {
            int worst = -1;
            for (int l = 0; l < layers(); l++) {
                if (worst < 0 || layerShare(l) > layerShare(worst)) {
                    worst = l;
                }
            }
            if (worst < 0 || layerShare(worst) <= SATURATED_SHARE_LIMIT) {
                return List.of();
            }
            StringBuilder shares = new StringBuilder();
            for (Saturation r : rows) {
                if (r.layer() == worst) {
                    shares.append(String.format(Locale.ROOT, "%s%s %.0f%% left, %.0f%% right", shares.isEmpty() ? "" : "; ",
                            r.gate().word(), 100 * r.left(), 100 * r.right()));
                }
            }
            String evidence = String.format(Locale.ROOT, "layer %d's input, forget and output gates are saturated %.0f%% of"
                    + " the time on %s (limit %.0f%%; below %.1f or above %.1f, as Karpathy et al. measure it): %s",
                    worst, 100 * layerShare(worst), source, 100 * SATURATED_SHARE_LIMIT, LEFT, RIGHT, shares);
            double improvement = history.isEmpty() ? 0 : TrainingChecks.lastQuarterImprovement(history);
            if (improvement >= TrainingChecks.FLAT_SHARE) {
                String trend = Double.isInfinite(improvement)
                        ? "too few training steps to tell whether it blocks learning"
                        : String.format(Locale.ROOT, "the training loss still fell %.1f%% over the last quarter of the"
                                + " run, so the gates still pass gradient", 100 * improvement);
                return List.of(Finding.info(FindingCode.SATURATED_GATES, evidence + "; " + trend,
                        "inspect gates --summary"));
            }
            String state = history.isEmpty() ? "the model is untrained"
                    : String.format(Locale.ROOT, "the training loss has flattened (%.1f%% over the last quarter of the run)",
                            100 * improvement);
            return List.of(Finding.warning(FindingCode.SATURATED_GATES, evidence + "; " + state
                    + ", and a saturated gate passes no gradient", "train --clip 1"));
        }
    }

    public record Report(List<Layer> layers, double saturatedShare, double recomputationError, SaturationTable table) {

        /** SATURATED_GATES, judged from the saturation table of this input and the model's training history. */
        public List<Finding> findings(List<MetricPoint> history) {
            return table.findings(history);
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
        return new Report(layers, (double) saturated / total, probe.recomputationError(),
                saturation(List.of(probe), "the input"));
    }

    /** The saturation table over every step of every probe, each layer's input, forget and output gate. */
    public static SaturationTable saturation(List<LstmProbe.Result> probes, String source) {
        int layers = probes.get(0).layers().size();
        List<Saturation> rows = new ArrayList<>();
        long steps = probes.stream().mapToLong(LstmProbe.Result::steps).sum();
        for (int l = 0; l < layers; l++) {
            for (Gate gate : GATES) {
                long left = 0;
                long right = 0;
                long count = 0;
                for (LstmProbe.Result probe : probes) {
                    for (float[] row : probe.layers().get(l).shaded(gate)) {
                        for (float v : row) {
                            left += v < LEFT ? 1 : 0;
                            right += v > RIGHT ? 1 : 0;
                            count++;
                        }
                    }
                }
                rows.add(new Saturation(l, gate, (double) left / count, (double) right / count));
            }
        }
        return new SaturationTable(source, steps, rows);
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

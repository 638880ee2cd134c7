package lstmsh.inspect;

import ai.djl.ndarray.NDArray;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;

import java.util.ArrayList;
import java.util.List;

/** Findings read off a model's size and weights. */
public final class ModelChecks {

    /** Weight scales (RMS × √fan-in, the spread of a unit's input for unit inputs) below this vanish. */
    public static final double SCALE_TOO_SMALL = 0.05;
    /** ...and above this saturate every gate. */
    public static final double SCALE_TOO_LARGE = 8;
    /** A layer needs at least this many units whatever the corpus. */
    public static final int MIN_HIDDEN = 16;
    /** Units needed per bit of unigram entropy. */
    public static final double UNITS_PER_BIT = 4;

    private ModelChecks() {}

    /** The scale of each LSTM layer's input and recurrent weights, in parameter order. */
    public static List<double[]> weightScales(LstmLanguageModel model) {
        List<double[]> out = new ArrayList<>();
        for (int l = 0; l < model.settings().layers(); l++) {
            out.add(new double[] {scale(model.parameter(LstmLanguageModel.layerName(l, "w_ih"))),
                scale(model.parameter(LstmLanguageModel.layerName(l, "w_hh")))});
        }
        return out;
    }

    private static double scale(NDArray weight) {
        float[] v = weight.toFloatArray();
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        double rms = Math.sqrt(s / v.length);
        return rms * Math.sqrt(weight.getShape().get(1));
    }

    /** The hidden size this corpus calls for: enough for its entropy and its vocabulary. */
    public static int neededHidden(int vocabulary, double unigramEntropyBits) {
        return (int) Math.ceil(Math.max(MIN_HIDDEN, Math.max(UNITS_PER_BIT * unigramEntropyBits, Math.sqrt(vocabulary))));
    }

    public static List<Finding> check(LstmLanguageModel model, double unigramEntropyBits) {
        List<Finding> out = new ArrayList<>();
        int smallest = model.settings().hidden().stream().mapToInt(Integer::intValue).min().orElse(0);
        int needed = neededHidden(model.vocabulary().size(), unigramEntropyBits);
        if (smallest < needed) {
            out.add(Finding.warning(FindingCode.SMALL_HIDDEN,
                    String.format("the smallest layer has %d units; a vocabulary of %d tokens with %.2f bits of unigram"
                            + " entropy calls for at least %d (max(%d, %.0f × entropy, √vocabulary))", smallest,
                            model.vocabulary().size(), unigramEntropyBits, needed, MIN_HIDDEN, UNITS_PER_BIT),
                    "model new --hidden " + Math.max(needed, 64)));
        }
        List<double[]> scales = weightScales(model);
        for (int l = 0; l < scales.size(); l++) {
            double input = scales.get(l)[0];
            double recurrent = scales.get(l)[1];
            double worst = Math.min(input, recurrent);
            if (worst < SCALE_TOO_SMALL) {
                out.add(Finding.problem(FindingCode.INIT_SCALE,
                        String.format("layer %d's weights are tiny (scale %.2g input, %.2g recurrent; below %.2g):"
                                + " every gate sits near 0.5 and h barely depends on the input, so all inputs look"
                                + " alike and gradients vanish", l, input, recurrent, SCALE_TOO_SMALL),
                        "model new --init xavier"));
                break;
            }
            double largest = Math.max(input, recurrent);
            if (largest > SCALE_TOO_LARGE) {
                out.add(Finding.warning(FindingCode.INIT_SCALE,
                        String.format("layer %d's weights are large (scale %.2g input, %.2g recurrent; above %.2g):"
                                + " gates saturate and their gradients vanish", l, input, recurrent, SCALE_TOO_LARGE),
                        "model new --init xavier, and train with a lower --lr"));
                break;
            }
        }
        return out;
    }
}

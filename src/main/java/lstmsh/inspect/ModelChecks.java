package lstmsh.inspect;

import ai.djl.ndarray.NDArray;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Findings read off a model's size, weights and the initialisation it was built with. */
public final class ModelChecks {

    /** Weight scales (RMS × √fan-in, the spread of a unit's input for unit inputs) below this vanish. */
    public static final double SCALE_TOO_SMALL = 0.05;
    /** ...and above this saturate every gate. */
    public static final double SCALE_TOO_LARGE = 8;
    /** A layer needs at least this many units whatever the corpus. */
    public static final int MIN_HIDDEN = 16;
    /** Units needed per bit of unigram entropy. */
    public static final double UNITS_PER_BIT = 4;
    /** An initialisation whose weights start below this share of Xavier's RMS starts the model near zero. */
    public static final double INIT_FAR_BELOW = 0.1;

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
        ModelSettings settings = model.settings();
        int smallest = settings.hidden().stream().mapToInt(Integer::intValue).min().orElse(0);
        int needed = neededHidden(model.vocabulary().size(), unigramEntropyBits);
        if (smallest < needed) {
            Map<String, String> wider = new LinkedHashMap<>();
            wider.put("--hidden", Integer.toString(Math.max(needed, 64)));
            wider.put("--layers", Integer.toString(settings.layers()));
            if (settings.tie()) {
                wider.put("--embed", Integer.toString(Math.max(needed, 64)));
            }
            out.add(Finding.warning(FindingCode.SMALL_HIDDEN,
                    String.format(Locale.ROOT, "the smallest layer has %d units; a vocabulary of %d tokens with %.2f bits of unigram"
                            + " entropy calls for at least %d (max(%d, %.0f × entropy, √vocabulary))", smallest,
                            model.vocabulary().size(), unigramEntropyBits, needed, MIN_HIDDEN, UNITS_PER_BIT),
                    ModelNewLine.of(settings, wider)));
        }
        boolean xavier = settings.init().equals(Init.XAVIER);
        List<double[]> scales = weightScales(model);
        for (int l = 0; l < scales.size(); l++) {
            double input = scales.get(l)[0];
            double recurrent = scales.get(l)[1];
            double worst = Math.min(input, recurrent);
            if (worst < SCALE_TOO_SMALL) {
                // Xavier weights that shrank this far were pulled down in training, not started there.
                out.add(Finding.problem(FindingCode.INIT_SCALE,
                        String.format(Locale.ROOT, "layer %d's weights are tiny (scale %.2g input, %.2g recurrent; below %.2g):"
                                + " every gate sits near 0.5 and h barely depends on the input, so all inputs look"
                                + " alike and gradients vanish (the model was built with --init %s)", l, input, recurrent,
                                SCALE_TOO_SMALL, settings.init()),
                        xavier ? "train --weight-decay 0" : ModelNewLine.of(settings, Map.of("--init", "xavier"))));
                break;
            }
            double largest = Math.max(input, recurrent);
            if (largest > SCALE_TOO_LARGE) {
                out.add(Finding.warning(FindingCode.INIT_SCALE,
                        String.format(Locale.ROOT, "layer %d's weights are large (scale %.2g input, %.2g recurrent; above %.2g):"
                                + " gates saturate and their gradients vanish (the model was built with --init %s)", l, input,
                                recurrent, SCALE_TOO_LARGE, settings.init()),
                        xavier ? "train --clip 1" : ModelNewLine.of(settings, Map.of("--init", "xavier"))));
                break;
            }
        }
        return out;
    }

    /**
     * INIT_SCALE naming the initialisation the model was built with when it starts the weights far
     * below Xavier's scale: the likely cause of a collapse even after training has grown them.
     */
    public static Optional<Finding> initFarBelowXavier(LstmLanguageModel model) {
        ModelSettings settings = model.settings();
        Init init = settings.init();
        if (init.equals(Init.XAVIER)) {
            return Optional.empty();
        }
        double chosen = initRms(init);
        double worstRatio = Double.POSITIVE_INFINITY;
        double worstXavier = 0;
        String worstName = "";
        for (int l = 0; l < settings.layers(); l++) {
            for (String name : List.of("w_ih", "w_hh")) {
                var shape = model.parameter(LstmLanguageModel.layerName(l, name)).getShape();
                double xavier = Math.sqrt(6.0 / (shape.get(1) + shape.get(0) / 4.0)) / Math.sqrt(3);
                if (chosen / xavier < worstRatio) {
                    worstRatio = chosen / xavier;
                    worstXavier = xavier;
                    worstName = "layer " + l + " " + name;
                }
            }
        }
        if (worstRatio >= INIT_FAR_BELOW) {
            return Optional.empty();
        }
        List<double[]> now = weightScales(model);
        return Optional.of(Finding.warning(FindingCode.INIT_SCALE, String.format(Locale.ROOT,
                "the model was built with --init %s: weights of RMS %.2g where Xavier gives %.2g (%s), %.0f× smaller"
                        + " (limit %.0f×); training has since grown them (layer 0 scale now %.2g input, %.2g recurrent),"
                        + " but a start this small leaves every input alike and is the likely cause of the collapse",
                init, chosen, worstXavier, worstName, 1 / worstRatio, 1 / INIT_FAR_BELOW, now.get(0)[0], now.get(0)[1]),
                ModelNewLine.of(settings, Map.of("--init", "xavier"))));
    }

    /** The RMS of weights drawn by {@code init} (not Xavier). */
    static double initRms(Init init) {
        return switch (init.kind()) {
            case NORMAL -> init.a();
            case UNIFORM -> Math.sqrt((init.a() * init.a() + init.a() * init.b() + init.b() * init.b()) / 3);
            case XAVIER -> throw new IllegalArgumentException("Xavier's scale depends on the matrix");
        };
    }
}

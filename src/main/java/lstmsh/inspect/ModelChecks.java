package lstmsh.inspect;

import ai.djl.ndarray.NDArray;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import lstmsh.train.MetricPoint;

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
    /** Weights past the limit that started at under 1/GREW of it were grown by training. */
    public static final double GREW = 2;

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

    /**
     * SMALL_HIDDEN and INIT_SCALE; weights that were started at a sane scale and grew past
     * {@link #SCALE_TOO_LARGE} in training ({@code history} not empty) are LR_TOO_HIGH instead: the
     * updates, not the initialisation, made them large.
     */
    public static List<Finding> check(LstmLanguageModel model, double unigramEntropyBits, List<MetricPoint> history) {
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
            double started = initialScale(model, l);
            if (largest > SCALE_TOO_LARGE && !history.isEmpty() && started <= SCALE_TOO_LARGE / GREW) {
                double lr = history.stream().mapToDouble(MetricPoint::lr).max().orElseThrow();
                out.add(Finding.warning(FindingCode.LR_TOO_HIGH,
                        String.format(Locale.ROOT, "layer %d's weights grew in training from scale %.2g (--init %s) to %.2g"
                                + " input, %.2g recurrent (above %.2g) in %d steps at learning rate up to %.3g: updates this"
                                + " large saturate the gates and stall the loss", l, started, settings.init(), input,
                                recurrent, SCALE_TOO_LARGE, history.get(history.size() - 1).step(), lr),
                        "train --lr " + TrainingChecks.twoDigits(lr / 10)));
                break;
            }
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
                double xavier = xavierRms(shape.get(0), shape.get(1));
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

    /** The scale (RMS × √fan-in) that layer {@code layer}'s recurrent weights had when the model was built. */
    static double initialScale(LstmLanguageModel model, int layer) {
        var shape = model.parameter(LstmLanguageModel.layerName(layer, "w_hh")).getShape();
        Init init = model.settings().init();
        double rms = init.equals(Init.XAVIER) ? xavierRms(shape.get(0), shape.get(1)) : initRms(init);
        return rms * Math.sqrt(shape.get(1));
    }

    /** Xavier's RMS for a stacked-gate matrix of {@code rows} (four gates) by {@code columns}. */
    private static double xavierRms(long rows, long columns) {
        return Math.sqrt(6.0 / (columns + rows / 4.0)) / Math.sqrt(3);
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

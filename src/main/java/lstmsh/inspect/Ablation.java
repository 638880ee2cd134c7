package lstmsh.inspect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import lstmsh.engine.EngineSupport;
import lstmsh.engine.IntraOpThreads;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.model.ModelSettings;
import lstmsh.util.LstmshException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Units switched off: their h held at a fixed value (0, or their mean over the text) at every
 * step while the model reads the text, and the loss compared with the intact model's. A held
 * h reaches the rest of the model only through weight columns (the layer's own recurrent
 * weights, the next layer's input weights, the output layer), so a copy of the model with those
 * columns folded into the biases is exactly the model with the unit held; the output layer is
 * handled on the top layer's h directly, which also serves tied embeddings.
 */
public final class Ablation {

    static final int CHUNK = 1024;

    private Ablation() {}

    public enum Value { ZERO, MEAN }

    /** A unit and the value its h is held at. */
    public record Clamp(int layer, int unit, float value) {
        public String label() {
            return layer + ":" + unit;
        }
    }

    /** "L:U" into a layer and a unit of this model. */
    public static int[] parseUnit(String text, ModelSettings settings) {
        String[] parts = text.trim().split(":");
        try {
            if (parts.length == 2) {
                int layer = Integer.parseInt(parts[0]);
                int unit = Integer.parseInt(parts[1]);
                if (layer >= 0 && layer < settings.layers() && unit >= 0 && unit < settings.hidden().get(layer)) {
                    return new int[] {layer, unit};
                }
                throw new LstmshException("no unit " + text + ": layers are 0.." + (settings.layers() - 1)
                        + " and layer " + Math.min(Math.max(layer, 0), settings.layers() - 1) + " has units 0.."
                        + (settings.hidden().get(Math.min(Math.max(layer, 0), settings.layers() - 1)) - 1));
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new LstmshException("a unit is LAYER:UNIT, e.g. 1:42, got '" + text + "'");
    }

    /** The clamps for these units: 0, or each unit's mean h over the recording. */
    public static List<Clamp> clamps(List<int[]> units, Value value, CellStates.Recording recording) {
        List<Clamp> clamps = new ArrayList<>();
        for (int[] u : units) {
            float v = 0;
            if (value == Value.MEAN) {
                double sum = 0;
                for (float x : recording.layer(u[0]).h()[u[1]]) {
                    sum += x;
                }
                v = (float) (sum / recording.steps());
            }
            clamps.add(new Clamp(u[0], u[1], v));
        }
        return clamps;
    }

    /**
     * The loss (nats) of predicting each next token, [0, tokens − 1): position t is the prediction
     * of token t + 1 from the state after token t.
     */
    public static double[] losses(LstmLanguageModel model, int[] tokens, List<Clamp> clamps) {
        if (tokens.length < 2) {
            throw new LstmshException("the text needs at least two tokens to measure a loss");
        }
        if (clamps.isEmpty()) {
            return run(model, tokens, clamps);
        }
        try (LstmLanguageModel held = LstmLanguageModel.withParameters(model.settings(), model.vocabulary(),
                model.tokenizer(), folded(model, clamps))) {
            return run(held, tokens, clamps);
        }
    }

    /** The weights with each held unit's outgoing recurrent and next-layer columns folded into the biases. */
    private static Map<String, float[]> folded(LstmLanguageModel model, List<Clamp> clamps) {
        Map<String, float[]> values = model.snapshot();
        ModelSettings settings = model.settings();
        for (Clamp clamp : clamps) {
            int hidden = settings.hidden().get(clamp.layer());
            fold(values, LstmLanguageModel.layerName(clamp.layer(), "w_hh"),
                    LstmLanguageModel.layerName(clamp.layer(), "b_hh"), hidden, clamp);
            if (clamp.layer() + 1 < settings.layers()) {
                fold(values, LstmLanguageModel.layerName(clamp.layer() + 1, "w_ih"),
                        LstmLanguageModel.layerName(clamp.layer() + 1, "b_ih"), hidden, clamp);
            }
        }
        return values;
    }

    /** weight (rows × inputs): column unit moved into bias as value × column. */
    private static void fold(Map<String, float[]> values, String weight, String bias, int inputs, Clamp clamp) {
        float[] w = values.get(weight);
        float[] b = values.get(bias);
        for (int row = 0; row < b.length; row++) {
            int at = row * inputs + clamp.unit();
            b[row] += clamp.value() * w[at];
            w[at] = 0;
        }
    }

    private static double[] run(LstmLanguageModel model, int[] tokens, List<Clamp> clamps) {
        int n = tokens.length - 1;
        int top = model.settings().layers() - 1;
        int topHidden = model.settings().topHidden();
        float[] keep = new float[topHidden];
        float[] held = new float[topHidden];
        Arrays.fill(keep, 1);
        boolean clampTop = false;
        for (Clamp c : clamps) {
            if (c.layer() == top) {
                keep[c.unit()] = 0;
                held[c.unit()] = c.value();
                clampTop = true;
            }
        }
        double[] losses = new double[n];
        EngineSupport.ops().setGradMode(false);
        // Batch 1 step by step: many tiny products, where more threads only wait on each other.
        try (IntraOpThreads threads = IntraOpThreads.limit(1);
                NDManager scope = model.manager().newSubManager()) {
            LstmState state = null;
            for (int from = 0; from < n; from += CHUNK) {
                int len = Math.min(CHUNK, n - from);
                long[] inputs = new long[len];
                long[] targets = new long[len];
                for (int k = 0; k < len; k++) {
                    inputs[k] = tokens[from + k];
                    targets[k] = tokens[from + k + 1];
                }
                try (NDManager chunk = scope.newSubManager()) {
                    if (state != null) {
                        state.attach(chunk);
                    }
                    LstmLanguageModel.Output out = model.forward(chunk.create(inputs, new Shape(1, len)), state, false);
                    NDArray h = out.topOutput();
                    if (clampTop) {
                        h = h.mul(chunk.create(keep)).addi(chunk.create(held));
                    }
                    NDArray logits = Linear.linear(h, model.parameter(LstmLanguageModel.OUTPUT_WEIGHT),
                            model.parameter(LstmLanguageModel.OUTPUT_BIAS)).singletonOrThrow();
                    NDArray logProbabilities = logits.reshape(len, -1).logSoftmax(1);
                    float[] picked = EngineSupport.ops().gatherColumn(logProbabilities,
                            chunk.create(targets, new Shape(len, 1))).toFloatArray();
                    for (int k = 0; k < len; k++) {
                        losses[from + k] = -picked[k];
                    }
                    state = out.state().detachInto(scope);
                }
            }
            if (state != null) {
                state.close();
            }
        }
        return losses;
    }

    /**
     * Mean losses of the intact and the held model: over all positions, while the track is on,
     * and just before it falls (e.g. the prediction of a closing quote); NaN where no position is.
     */
    public record Report(List<Clamp> clamps, CellTracks.Track track, int positions, double baseLoss,
            double heldLoss, int trackPositions, double baseTrackLoss, double heldTrackLoss, int endPositions,
            double baseEndLoss, double heldEndLoss) {

        public double deltaLoss() {
            return heldLoss - baseLoss;
        }

        public double trackDeltaLoss() {
            return heldTrackLoss - baseTrackLoss;
        }

        public double endDeltaLoss() {
            return heldEndLoss - baseEndLoss;
        }
    }

    public static Report of(LstmLanguageModel model, int[] tokens, List<Clamp> clamps, CellTracks.Track track) {
        double[] base = losses(model, tokens, List.of());
        double[] held = losses(model, tokens, clamps);
        IntPredicate all = t -> true;
        IntPredicate on = track::on;
        IntPredicate ends = track::endsAfter;
        return new Report(clamps, track, base.length, mean(base, all), mean(held, all), count(base.length, on),
                mean(base, on), mean(held, on), count(base.length, ends), mean(base, ends), mean(held, ends));
    }

    /** Mean loss over the positions where {@code include} is true; NaN when there are none. */
    private static double mean(double[] losses, IntPredicate include) {
        double sum = 0;
        int n = 0;
        for (int t = 0; t < losses.length; t++) {
            if (include.test(t)) {
                sum += losses[t];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** How many positions {@code include} picks. */
    private static int count(int positions, IntPredicate include) {
        int n = 0;
        for (int t = 0; t < positions; t++) {
            n += include.test(t) ? 1 : 0;
        }
        return n;
    }
}

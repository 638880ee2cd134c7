package lstmsh.inspect;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the final hidden states of several inputs: if they are nearly identical the model
 * forgets its input, and how far back a change still moves h_n shows how much it remembers.
 */
public final class HiddenInspection {

    /**
     * Final states count as collapsed when every pair differs by less than this share of their
     * size (‖a − b‖ / mean(‖a‖, ‖b‖)): the inputs left no trace that tells them apart.
     */
    public static final double COLLAPSE_DISTANCE = 0.01;
    /** A collapsed model with a layer under this many units is told to widen it. */
    public static final int SMALL_LAYER = 64;
    /** A relative change of h_n below this counts as "no longer depends on that token". */
    public static final double DEPENDENCE_FLOOR = 0.01;

    private HiddenInspection() {}

    /**
     * Per layer: similarity among inputs and spread of each unit across inputs.
     *
     * @param cosine cosine of every two final states: their direction only
     * @param distance ‖a − b‖ / mean(‖a‖, ‖b‖) of every two final states: direction and length
     * @param minRelativeDistance the nearest two inputs' distance
     * @param maxRelativeDistance the farthest two inputs' distance: under {@link #COLLAPSE_DISTANCE}, collapsed
     */
    public record LayerSimilarity(int layer, double[][] cosine, double[][] distance, double maxSimilarity,
            double meanSimilarity, double meanUnitVariance, double minRelativeDistance, double maxRelativeDistance) {}

    /** How much the top layer's h_n moves when the token k steps before the end changes. */
    public record Dependence(int stepsBack, double relativeChange) {}

    /** @param settings the model's, so the fix keeps what the user chose and never advises what is in effect */
    public record Report(int inputs, List<LayerSimilarity> layers, List<Dependence> dependence, boolean collapsed,
            ModelSettings settings) {

        public LayerSimilarity top() {
            return layers.get(layers.size() - 1);
        }

        /** HIDDEN_COLLAPSE when the top layer's final states are nearly identical; nothing otherwise. */
        public List<Finding> findings() {
            if (!collapsed) {
                return List.of();
            }
            return List.of(Finding.warning(FindingCode.HIDDEN_COLLAPSE,
                    String.format(Locale.ROOT, "the final hidden states of %d inputs are nearly identical (no two differ by more"
                            + " than %.3f%% of their size, limit %.0f%%; mean cosine %.3f): %s; if the inputs end"
                            + " alike, read the state before their common tail",
                            inputs, 100 * top().maxRelativeDistance(), 100 * COLLAPSE_DISTANCE,
                            top().meanSimilarity(), memoryHorizon() == 0
                                    ? "changing even the last token barely moves h_n"
                                    : "h_n depends on at most the last " + memoryHorizon() + " tokens"),
                    fix()));
        }

        /** A start near zero first, then a layer too small to remember, then more training. */
        private String fix() {
            if (!settings.init().equals(Init.XAVIER)) {
                return ModelNewLine.of(settings, Map.of("--init", "xavier"));
            }
            int smallest = settings.hidden().stream().mapToInt(Integer::intValue).min().orElse(0);
            return smallest < SMALL_LAYER ? ModelNewLine.wider(settings) : "train --steps 1000";
        }

        /** The farthest distance back at which a change still moves h_n. */
        public int memoryHorizon() {
            int horizon = 0;
            for (Dependence d : dependence) {
                if (d.relativeChange() >= DEPENDENCE_FLOOR) {
                    horizon = d.stepsBack();
                }
            }
            return horizon;
        }
    }

    public static Report of(LstmLanguageModel model, List<int[]> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("give at least two inputs to compare");
        }
        List<float[][]> finals = new ArrayList<>();
        for (int[] tokens : inputs) {
            finals.add(LstmProbe.finalStates(model, tokens));
        }
        int layers = finals.get(0).length;
        List<LayerSimilarity> similarities = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            int n = inputs.size();
            double[][] cosine = new double[n][n];
            double[][] distance = new double[n][n];
            double max = -1;
            double sum = 0;
            double farthest = 0;
            double nearest = Double.MAX_VALUE;
            int pairs = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    float[] x = finals.get(a)[l];
                    float[] y = finals.get(b)[l];
                    cosine[a][b] = Vectors.cosine(x, y);
                    double size = (Vectors.norm(x) + Vectors.norm(y)) / 2;
                    distance[a][b] = size == 0 ? 0 : Vectors.distance(x, y) / size;
                    if (a < b) {
                        farthest = Math.max(farthest, distance[a][b]);
                        nearest = Math.min(nearest, distance[a][b]);
                        max = Math.max(max, cosine[a][b]);
                        sum += cosine[a][b];
                        pairs++;
                    }
                }
            }
            similarities.add(new LayerSimilarity(l, cosine, distance, max, sum / pairs, unitVariance(finals, l),
                    nearest, farthest));
        }
        List<Dependence> dependence = dependence(model, inputs, finals);
        boolean collapsed = similarities.get(layers - 1).maxRelativeDistance() < COLLAPSE_DISTANCE;
        return new Report(inputs.size(), similarities, dependence, collapsed, model.settings());
    }

    private static double unitVariance(List<float[][]> finals, int layer) {
        int units = finals.get(0)[layer].length;
        double total = 0;
        for (int u = 0; u < units; u++) {
            double mean = 0;
            for (float[][] f : finals) {
                mean += f[layer][u];
            }
            mean /= finals.size();
            double var = 0;
            for (float[][] f : finals) {
                double d = f[layer][u] - mean;
                var += d * d;
            }
            total += var / finals.size();
        }
        return total / units;
    }

    private static List<Dependence> dependence(LstmLanguageModel model, List<int[]> inputs, List<float[][]> finals) {
        int shortest = inputs.stream().mapToInt(a -> a.length).min().orElse(0);
        int vocabulary = model.vocabulary().size();
        List<Dependence> out = new ArrayList<>();
        for (int k = 1; k <= shortest; k *= 2) {
            double sum = 0;
            for (int i = 0; i < inputs.size(); i++) {
                int[] changed = inputs.get(i).clone();
                int position = changed.length - k;
                changed[position] = (changed[position] + Math.max(1, vocabulary / 2)) % vocabulary;
                float[][] moved = LstmProbe.finalStates(model, changed);
                float[] base = finals.get(i)[finals.get(i).length - 1];
                float[] after = moved[moved.length - 1];
                double norm = Vectors.norm(base);
                sum += norm == 0 ? Vectors.norm(after) : Vectors.distance(base, after) / norm;
            }
            out.add(new Dependence(k, sum / inputs.size()));
        }
        return out;
    }
}

package lstmsh.model;

import java.util.Collections;
import java.util.List;

/**
 * The architecture of an embedding → stacked LSTM → softmax model. Defaults live here.
 *
 * @param embed embedding width
 * @param hidden hidden size of each LSTM layer, bottom first
 * @param dropout dropout between LSTM layers, in training only
 * @param seed seed of the initial weights
 * @param embedDropout dropout on the embedding's output, in training only
 * @param outputDropout dropout on the top LSTM layer's output before the softmax, in training only
 * @param tie the output layer reuses the embedding matrix (needs embed == top hidden size)
 * @param init how weight matrices start
 * @param forgetBias initial bias of the forget gate (Jozefowicz et al. suggest 1)
 */
public record ModelSettings(
        int embed,
        List<Integer> hidden,
        float dropout,
        long seed,
        float embedDropout,
        float outputDropout,
        boolean tie,
        Init init,
        float forgetBias) {

    public static final int DEFAULT_EMBED = 64;
    public static final int DEFAULT_HIDDEN = 256;
    public static final int DEFAULT_LAYERS = 2;
    public static final float DEFAULT_DROPOUT = 0f;
    public static final long DEFAULT_SEED = 1;
    public static final float DEFAULT_EMBED_DROPOUT = 0f;
    public static final float DEFAULT_OUTPUT_DROPOUT = 0f;
    public static final String DEFAULT_INIT = "xavier";
    public static final float DEFAULT_FORGET_BIAS = 0f;

    public static ModelSettings defaults() {
        return new ModelSettings(
                DEFAULT_EMBED,
                List.of(DEFAULT_HIDDEN, DEFAULT_HIDDEN),
                DEFAULT_DROPOUT,
                DEFAULT_SEED);
    }

    /** The basic architecture with every other setting at its default. */
    public ModelSettings(int embed, List<Integer> hidden, float dropout, long seed) {
        this(embed, hidden, dropout, seed, DEFAULT_EMBED_DROPOUT, DEFAULT_OUTPUT_DROPOUT, false,
                Init.parse(DEFAULT_INIT), DEFAULT_FORGET_BIAS);
    }

    public ModelSettings {
        hidden = List.copyOf(hidden);
        if (embed < 1) {
            throw new IllegalArgumentException("--embed must be at least 1, got " + embed);
        }
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("the model needs at least one LSTM layer");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("--hidden sizes must be at least 1, got " + h);
            }
        }
        checkRate("--dropout", dropout);
        checkRate("--embed-dropout", embedDropout);
        checkRate("--output-dropout", outputDropout);
        if (init == null) {
            init = Init.XAVIER;
        }
        if (!Float.isFinite(forgetBias)) {
            throw new IllegalArgumentException("--forget-bias must be a number, got " + forgetBias);
        }
        if (tie && embed != hidden.get(hidden.size() - 1)) {
            throw new IllegalArgumentException("--tie needs --embed equal to the top layer's hidden size (embed "
                    + embed + ", top hidden " + hidden.get(hidden.size() - 1) + "); e.g. --embed "
                    + hidden.get(hidden.size() - 1));
        }
    }

    /**
     * The hidden size of each layer from --hidden and --layers: one size repeated {@code layers}
     * times (default {@link #DEFAULT_LAYERS}), or one size per layer.
     */
    public static List<Integer> hiddenSizes(List<Integer> sizes, Integer layers) {
        if (sizes.size() == 1) {
            int n = layers == null ? DEFAULT_LAYERS : layers;
            if (n < 1) {
                throw new IllegalArgumentException("--layers must be at least 1, got " + n);
            }
            return Collections.nCopies(n, sizes.get(0));
        }
        if (layers != null && layers != sizes.size()) {
            throw new IllegalArgumentException("--hidden gives " + sizes.size() + " sizes but --layers is " + layers
                    + "; give one size, or one per layer");
        }
        return sizes;
    }

    private static void checkRate(String option, float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(option + " must be in [0, 1), got " + p);
        }
    }

    public int layers() {
        return hidden.size();
    }

    public int topHidden() {
        return hidden.get(hidden.size() - 1);
    }
}

package lstmsh.model;

import java.util.List;

/**
 * The architecture of an embedding → stacked LSTM → softmax model. Defaults live here.
 *
 * @param embed embedding width
 * @param hidden hidden size of each LSTM layer, bottom first
 * @param dropout dropout between LSTM layers, in training only
 * @param seed seed of the initial weights
 */
public record ModelSettings(int embed, List<Integer> hidden, float dropout, long seed) {

    public static final int DEFAULT_EMBED = 64;
    public static final int DEFAULT_HIDDEN = 256;
    public static final int DEFAULT_LAYERS = 2;
    public static final float DEFAULT_DROPOUT = 0f;
    public static final long DEFAULT_SEED = 1;

    public static ModelSettings defaults() {
        return new ModelSettings(
                DEFAULT_EMBED,
                List.of(DEFAULT_HIDDEN, DEFAULT_HIDDEN),
                DEFAULT_DROPOUT,
                DEFAULT_SEED);
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
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }

    public int layers() {
        return hidden.size();
    }

    public int topHidden() {
        return hidden.get(hidden.size() - 1);
    }
}

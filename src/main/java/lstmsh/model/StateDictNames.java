package lstmsh.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch state_dict name of each parameter, for the module described in docs/interop.md:
 * {@code embedding} (nn.Embedding), {@code lstm} (one nn.LSTM, or an nn.ModuleList of them when
 * layer sizes differ: one nn.LSTM per run of equal-size layers) and {@code decoder} (nn.Linear).
 * Checkpoints, export and import all name tensors through this one mapping.
 */
public final class StateDictNames {

    public static final String EMBEDDING = "embedding.weight";
    public static final String DECODER_WEIGHT = "decoder.weight";
    public static final String DECODER_BIAS = "decoder.bias";

    private static final String[] PARTS = {"w_ih", "w_hh", "b_ih", "b_hh"};
    private static final String[] TORCH_PARTS = {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"};

    private StateDictNames() {}

    /** A run of consecutive layers of one size: one nn.LSTM with {@code count} layers. */
    public record LayerRun(int firstLayer, int count, int hidden) {}

    /** The layers grouped into runs of equal hidden size, bottom first. */
    public static List<LayerRun> runs(List<Integer> hidden) {
        List<LayerRun> runs = new ArrayList<>();
        int start = 0;
        for (int l = 1; l <= hidden.size(); l++) {
            if (l == hidden.size() || !hidden.get(l).equals(hidden.get(start))) {
                runs.add(new LayerRun(start, l - start, hidden.get(start)));
                start = l;
            }
        }
        return runs;
    }

    /**
     * Model parameter name to state_dict name, in the model's parameter order. A tied model has
     * no {@code output.weight}; its state_dict still holds {@code decoder.weight} (the embedding).
     */
    public static Map<String, String> of(ModelSettings settings) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(LstmLanguageModel.EMBEDDING, EMBEDDING);
        List<LayerRun> runs = runs(settings.hidden());
        for (int r = 0; r < runs.size(); r++) {
            LayerRun run = runs.get(r);
            String prefix = runs.size() == 1 ? "lstm." : "lstm." + r + ".";
            for (int k = 0; k < run.count(); k++) {
                for (int p = 0; p < PARTS.length; p++) {
                    names.put(LstmLanguageModel.layerName(run.firstLayer() + k, PARTS[p]), prefix + TORCH_PARTS[p] + k);
                }
            }
        }
        if (!settings.tie()) {
            names.put(LstmLanguageModel.OUTPUT_WEIGHT, DECODER_WEIGHT);
        }
        names.put(LstmLanguageModel.OUTPUT_BIAS, DECODER_BIAS);
        return names;
    }
}

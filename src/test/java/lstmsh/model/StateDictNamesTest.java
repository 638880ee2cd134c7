package lstmsh.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

@CoreTest
class StateDictNamesTest {

    private static ModelSettings settings(int embed, List<Integer> hidden, boolean tie) {
        ModelSettings d = ModelSettings.defaults();
        return new ModelSettings(embed, hidden, d.dropout(), d.seed(), d.embedDropout(), d.outputDropout(), tie,
                d.init(), d.forgetBias());
    }

    @Test
    void equalLayersShareOneLstmModule() {
        Map<String, String> names = StateDictNames.of(settings(16, List.of(32, 32), false));
        assertEquals("lstm.weight_ih_l1", names.get("lstm.1.w_ih"));
        assertEquals("lstm.bias_hh_l0", names.get("lstm.0.b_hh"));
        assertEquals("decoder.weight", names.get("output.weight"));
        assertEquals(List.of("embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0",
                "lstm.bias_hh_l0", "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1",
                "decoder.weight", "decoder.bias"), List.copyOf(names.values()));
    }

    @Test
    void layersOfDifferentSizesAreSeparateModules() {
        Map<String, String> names = StateDictNames.of(settings(16, List.of(64, 64, 32), false));
        assertEquals("lstm.0.weight_hh_l1", names.get("lstm.1.w_hh"));
        assertEquals("lstm.1.weight_ih_l0", names.get("lstm.2.w_ih"));
        assertEquals(List.of(new StateDictNames.LayerRun(0, 2, 64), new StateDictNames.LayerRun(2, 1, 32)),
                StateDictNames.runs(List.of(64, 64, 32)));
    }

    @Test
    void tiedModelHasNoSeparateDecoderWeight() {
        Map<String, String> names = StateDictNames.of(settings(32, List.of(32), true));
        assertEquals(List.of("embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0",
                "lstm.bias_hh_l0", "decoder.bias"), List.copyOf(names.values()));
    }
}

package lstmsh.interop;

import lstmsh.CoreTest;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.model.StateDictNames;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@CoreTest
class ModelImportTest {

    private static final List<String> TOKENS = List.of("a", "b", "c", " ", "\n");

    /** The state dict lstmsh itself would name for {@code settings}, with distinct values. */
    static Map<String, Tensor> stateDict(ModelSettings settings, int vocabularySize) {
        Map<String, Tensor> dict = new LinkedHashMap<>();
        var shapes = LstmLanguageModel.parameterShapes(settings, vocabularySize);
        float[] next = {0.001f};
        StateDictNames.of(settings).forEach((ours, theirs) -> {
            long[] shape = shapes.get(ours).getShape();
            float[] values = new float[(int) shapes.get(ours).size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = next[0];
                next[0] += 0.001f;
            }
            dict.put(theirs, new Tensor(shape, values));
        });
        return dict;
    }

    @Test
    void readsTheArchitectureFromTheShapesAndPlacesEveryTensor() {
        ModelSettings settings = new ModelSettings(3, List.of(8, 8, 4), 0f, 1);
        Map<String, Tensor> dict = stateDict(settings, TOKENS.size());
        try (LstmLanguageModel model = ModelImport.build(dict, TOKENS, null, "")) {
            assertEquals(3, model.settings().embed());
            assertEquals(List.of(8, 8, 4), model.settings().hidden());
            assertEquals("char", model.tokenizer().level());
            StateDictNames.of(model.settings()).forEach((ours, theirs) ->
                    assertArrayEquals(dict.get(theirs).values(), model.parameter(ours).toFloatArray(), ours));
        }
    }

    @Test
    void anAbsentOrEqualDecoderMeansTiedAndAbsentBiasesAreZero() {
        ModelSettings settings = new ModelSettings(4, List.of(4), 0f, 1);
        Map<String, Tensor> dict = stateDict(settings, TOKENS.size());
        dict.remove("decoder.weight");
        dict.remove("lstm.bias_ih_l0");
        dict.remove("lstm.bias_hh_l0");
        try (LstmLanguageModel model = ModelImport.build(dict, TOKENS, "word", "")) {
            assertTrue(model.settings().tie());
            assertEquals("word", model.tokenizer().level());
            assertArrayEquals(new float[16], model.parameter("lstm.0.b_hh").toFloatArray());
        }
        dict.put("decoder.weight", dict.get("embedding.weight"));
        try (LstmLanguageModel model = ModelImport.build(dict, TOKENS, null, "")) {
            assertTrue(model.settings().tie());
        }
    }

    @Test
    void refusesWithOneLineNamingWhatDoesNotFit() {
        ModelSettings settings = new ModelSettings(3, List.of(8), 0f, 1);
        Map<String, Tensor> dict = stateDict(settings, TOKENS.size());
        String wrongVocabulary = assertThrows(LstmshException.class,
                () -> ModelImport.build(dict, TOKENS.subList(0, 4), null, "")).getMessage();
        assertEquals("the vocabulary has 4 tokens but embedding.weight has 5 rows; "
                + "give the vocabulary file the model was trained with", wrongVocabulary);

        Map<String, Tensor> extra = new LinkedHashMap<>(dict);
        extra.put("conv.weight", new Tensor(new long[] {2, 2}, new float[4]));
        String unplaced = assertThrows(LstmshException.class,
                () -> ModelImport.build(extra, TOKENS, null, "; rename with --map OLD=NEW")).getMessage();
        assertTrue(unplaced.startsWith("could not place conv.weight (2, 2): lstmsh reads an embedding"), unplaced);
        assertTrue(unplaced.endsWith("; rename with --map OLD=NEW"), unplaced);

        Map<String, Tensor> gru = new LinkedHashMap<>(dict);
        gru.put("lstm.weight_hh_l0", new Tensor(new long[] {24, 8}, new float[24 * 8]));
        String gruMessage = assertThrows(LstmshException.class, () -> ModelImport.build(gru, TOKENS, null, "")).getMessage();
        assertTrue(gruMessage.contains("(24, 8); an LSTM's is (4 × hidden, hidden)"), gruMessage);

        String words = assertThrows(LstmshException.class,
                () -> ModelImport.build(dict, List.of("a", "bb", "c", "d", "e"), "char", "")).getMessage();
        assertTrue(words.contains("'bb', is not one character"), words);
    }
}

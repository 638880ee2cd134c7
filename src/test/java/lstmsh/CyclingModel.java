package lstmsh;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Models whose weights are set by hand so that greedy decoding cycles through given tokens. */
public final class CyclingModel {

    private CyclingModel() {}

    /** A few characters, a b c among them. */
    public static Corpus chars() {
        return CorpusLoader.fromText("cycle", "abcdefg\nbadge cafe\n".repeat(20), CorpusSettings.defaults());
    }

    /** A few words, "the cat sat on" among them. */
    public static Corpus words() {
        return CorpusLoader.fromText("cycle", "the cat sat on a mat .\nthe dog ran .\n".repeat(20),
                CorpusSettings.defaults().withLevel("word"));
    }

    /**
     * One layer whose cell holds only the current token's successor (input and output gates
     * open, forget gate shut), read out with logits {@code margin} above every other token's:
     * each token predicts its successor in {@code cycle}, every other token the cycle's first.
     * The state depends on the last token alone, so it returns exactly with the text.
     */
    public static LstmLanguageModel of(Corpus corpus, List<String> cycle, float margin) {
        Vocabulary vocabulary = corpus.vocabulary();
        int v = vocabulary.size();
        ModelSettings settings = new ModelSettings(v, List.of(v), 0f, 1);
        Map<String, float[]> values = new HashMap<>();
        float[] embedding = new float[v * v];
        float[] output = new float[v * v];
        for (int k = 0; k < v; k++) {
            embedding[k * v + k] = 1;
            output[k * v + k] = (float) (margin / Math.tanh(Math.tanh(5)));
        }
        float[] wih = new float[4 * v * v];
        for (int k = 0; k < v; k++) {
            int at = cycle.indexOf(vocabulary.token(k));
            int next = vocabulary.id(cycle.get(at < 0 ? 0 : (at + 1) % cycle.size()));
            wih[(2 * v + next) * v + k] = 5; // candidate g of the successor's unit
        }
        float[] bih = new float[4 * v];
        for (int u = 0; u < v; u++) {
            bih[u] = 10; // input gate open
            bih[v + u] = -10; // forget gate shut
            bih[3 * v + u] = 10; // output gate open
        }
        values.put(LstmLanguageModel.EMBEDDING, embedding);
        values.put(LstmLanguageModel.layerName(0, "w_ih"), wih);
        values.put(LstmLanguageModel.layerName(0, "w_hh"), new float[4 * v * v]);
        values.put(LstmLanguageModel.layerName(0, "b_ih"), bih);
        values.put(LstmLanguageModel.layerName(0, "b_hh"), new float[4 * v]);
        values.put(LstmLanguageModel.OUTPUT_WEIGHT, output);
        values.put(LstmLanguageModel.OUTPUT_BIAS, new float[v]);
        return LstmLanguageModel.withParameters(settings, vocabulary, corpus.tokenizer(), values);
    }
}

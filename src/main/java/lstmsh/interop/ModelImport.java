package lstmsh.interop;

import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Tokenizers;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.model.StateDictNames;
import lstmsh.util.LstmshException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an lstmsh model from another framework's weights, given in the {@link StateDictNames}
 * naming: the architecture (embedding width, each layer's hidden size, tying) is read from the
 * shapes, and every shape is checked against it. Absent LSTM or decoder biases (a module built
 * with {@code bias=False}) are zeros; an absent {@code decoder.weight}, or one equal to the
 * embedding, means tied weights.
 */
public final class ModelImport {

    /** What lstmsh reads, for messages. */
    public static final String EXPECTED = "an embedding → LSTM → linear model (embedding.weight, "
            + "lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0 ..., decoder.weight, decoder.bias)";

    private static final Pattern LSTM = Pattern.compile("lstm\\.(?:(\\d+)\\.)?(weight_ih|weight_hh|bias_ih|bias_hh)_l(\\d+)");
    private static final int NAMES_SHOWN = 6;

    private ModelImport() {}

    /**
     * The model these weights describe, on the current device.
     *
     * @param stateDict tensors by canonical name
     * @param tokens the vocabulary in id order
     * @param level the token level ({@code char}, {@code word}, ...), or null to take {@code char}
     *     when every token is one character and {@code word} otherwise
     * @param renameHint how the user renames what was not placed, appended to that message
     */
    public static LstmLanguageModel build(Map<String, Tensor> stateDict, List<String> tokens, String level,
            String renameHint) {
        Map<String, Tensor> rest = new LinkedHashMap<>(stateDict);
        Tensor embedding = rest.remove(StateDictNames.EMBEDDING);
        Tensor decoderWeight = rest.remove(StateDictNames.DECODER_WEIGHT);
        Tensor decoderBias = rest.remove(StateDictNames.DECODER_BIAS);
        TreeMap<Integer, TreeMap<Integer, Map<String, Tensor>>> runs = new TreeMap<>();
        boolean numberedRuns = false;
        boolean singleRun = false;
        for (String name : List.copyOf(rest.keySet())) {
            Matcher m = LSTM.matcher(name);
            if (m.matches()) {
                numberedRuns |= m.group(1) != null;
                singleRun |= m.group(1) == null;
                int run = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                runs.computeIfAbsent(run, r -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(3)), k -> new LinkedHashMap<>())
                        .put(m.group(2), rest.remove(name));
            }
        }
        if (!rest.isEmpty()) {
            throw new LstmshException("could not place " + listed(rest) + ": lstmsh reads " + EXPECTED + renameHint);
        }
        if (embedding == null || runs.isEmpty()) {
            throw new LstmshException("the weights lack " + (embedding == null ? StateDictNames.EMBEDDING : "any LSTM layer")
                    + "; lstmsh reads " + EXPECTED + renameHint);
        }
        if (numberedRuns && singleRun) {
            throw new LstmshException("the weights mix lstm.weight_ih_l0 and lstm.0.weight_ih_l0 names; "
                    + "name one nn.LSTM lstm.*, or several lstm.0.*, lstm.1.* ...");
        }
        int vocabularySize = tokens.size();
        int embed = checkEmbedding(embedding, vocabularySize);
        List<Integer> hidden = new ArrayList<>();
        Map<String, Tensor> layers = new LinkedHashMap<>();
        int expectedRun = 0;
        for (Map.Entry<Integer, TreeMap<Integer, Map<String, Tensor>>> run : runs.entrySet()) {
            if (run.getKey() != expectedRun++) {
                throw new LstmshException("the LSTM runs are numbered " + runs.keySet()
                        + "; they must be lstm.0, lstm.1 ... without gaps");
            }
            int expectedLayer = 0;
            for (Map.Entry<Integer, Map<String, Tensor>> layer : run.getValue().entrySet()) {
                String prefix = numberedRuns ? "lstm." + run.getKey() + "." : "lstm.";
                if (layer.getKey() != expectedLayer++) {
                    throw new LstmshException("the weights lack " + prefix + "weight_ih_l" + (expectedLayer - 1)
                            + " (found layers " + run.getValue().keySet() + ")");
                }
                int in = hidden.isEmpty() ? embed : hidden.get(hidden.size() - 1);
                int h = checkLayer(prefix, layer.getKey(), layer.getValue(), in, hidden.size());
                hidden.add(h);
                layer.getValue().forEach((part, t) -> layers.put(prefix + part + "_l" + layer.getKey(), t));
            }
        }
        int top = hidden.get(hidden.size() - 1);
        boolean tie = decoderWeight == null || Arrays.equals(decoderWeight.values(), embedding.values());
        if (decoderWeight == null && embed != top) {
            throw new LstmshException("the weights lack " + StateDictNames.DECODER_WEIGHT + ", and the embedding (width "
                    + embed + ") cannot be the output layer of a top LSTM layer of " + top + "; lstmsh reads " + EXPECTED);
        }
        if (decoderWeight != null) {
            checkShape(StateDictNames.DECODER_WEIGHT, decoderWeight, new long[] {vocabularySize, top},
                    "the vocabulary's " + vocabularySize + " tokens by the top layer's " + top + " outputs");
        }
        if (decoderBias != null) {
            checkShape(StateDictNames.DECODER_BIAS, decoderBias, new long[] {vocabularySize},
                    "one per token of the vocabulary's " + vocabularySize);
        }
        ModelSettings settings = new ModelSettings(embed, hidden, 0f, ModelSettings.DEFAULT_SEED,
                0f, 0f, tie, Init.parse(ModelSettings.DEFAULT_INIT), 0f);
        Tokenizer tokenizer = Tokenizers.forLevel(level == null ? inferLevel(tokens) : level);
        Vocabulary vocabulary = vocabulary(tokens, tokenizer);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, String> names = StateDictNames.of(settings);
        names.forEach((ours, theirs) -> {
            Tensor t = theirs.equals(StateDictNames.EMBEDDING) ? embedding
                    : theirs.equals(StateDictNames.DECODER_WEIGHT) ? decoderWeight
                    : theirs.equals(StateDictNames.DECODER_BIAS) ? decoderBias
                    : layers.get(theirs);
            values.put(ours, t != null ? t.values()
                    : new float[(int) LstmLanguageModel.parameterShapes(settings, vocabularySize).get(ours).size()]);
        });
        return LstmLanguageModel.withParameters(settings, vocabulary, tokenizer, values);
    }

    /** {@code char} when every token is one character (or one of lstmsh's own), else {@code word}. */
    public static String inferLevel(List<String> tokens) {
        for (String t : tokens) {
            if (!Vocabulary.isSpecial(t) && t.codePointCount(0, t.length()) != 1) {
                return "word";
            }
        }
        return "char";
    }

    private static Vocabulary vocabulary(List<String> tokens, Tokenizer tokenizer) {
        if (Tokenizers.baseLevel(tokenizer.level()).equals("char")) {
            for (int id = 0; id < tokens.size(); id++) {
                String t = tokens.get(id);
                if (!Vocabulary.isSpecial(t) && t.codePointCount(0, t.length()) != 1) {
                    throw new LstmshException("token " + id + " of the vocabulary, '" + VocabularyFile.escape(t)
                            + "', is not one character, so it cannot be a char-level vocabulary; use --level word");
                }
            }
        }
        try {
            return new Vocabulary(tokens);
        } catch (IllegalArgumentException e) {
            throw new LstmshException("the vocabulary lists a token twice; each token must appear once, in id order");
        }
    }

    private static int checkEmbedding(Tensor embedding, int vocabularySize) {
        long[] s = embedding.shape();
        if (s.length != 2) {
            throw new LstmshException(StateDictNames.EMBEDDING + " has shape " + embedding.shapeText()
                    + "; an embedding is (vocabulary, width)");
        }
        if (s[0] != vocabularySize) {
            throw new LstmshException("the vocabulary has " + vocabularySize + " tokens but " + StateDictNames.EMBEDDING
                    + " has " + s[0] + " rows; give the vocabulary file the model was trained with");
        }
        return (int) s[1];
    }

    /** Checks one layer's tensors and returns its hidden size. */
    private static int checkLayer(String prefix, int k, Map<String, Tensor> parts, int in, int layer) {
        Tensor hh = parts.get("weight_hh");
        Tensor ih = parts.get("weight_ih");
        if (hh == null || ih == null) {
            throw new LstmshException("the weights lack " + prefix + (hh == null ? "weight_hh_l" : "weight_ih_l") + k
                    + " (layer " + layer + " needs weight_ih and weight_hh)");
        }
        if (hh.shape().length != 2 || hh.shape()[0] != 4 * hh.shape()[1]) {
            throw new LstmshException(prefix + "weight_hh_l" + k + " has shape " + hh.shapeText()
                    + "; an LSTM's is (4 × hidden, hidden), gates i, f, g, o (a GRU's has 3 × hidden rows)");
        }
        int h = (int) hh.shape()[1];
        checkShape(prefix + "weight_ih_l" + k, ih, new long[] {4L * h, in}, layer == 0
                ? "4 × hidden " + h + " by the embedding width " + in
                : "4 × hidden " + h + " by the " + in + " outputs of the layer below");
        if ((parts.get("bias_ih") == null) != (parts.get("bias_hh") == null)) {
            throw new LstmshException("the weights hold only one of " + prefix + "bias_ih_l" + k + " and "
                    + prefix + "bias_hh_l" + k + "; an LSTM has both or neither");
        }
        for (String bias : List.of("bias_ih", "bias_hh")) {
            if (parts.get(bias) != null) {
                checkShape(prefix + bias + "_l" + k, parts.get(bias), new long[] {4L * h}, "4 × hidden " + h);
            }
        }
        return h;
    }

    private static void checkShape(String name, Tensor t, long[] want, String meaning) {
        if (!Arrays.equals(t.shape(), want)) {
            throw new LstmshException(name + " has shape " + t.shapeText() + " but the other weights make it "
                    + Arrays.toString(want).replace('[', '(').replace(']', ')') + " (" + meaning + ")");
        }
    }

    private static String listed(Map<String, Tensor> tensors) {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (shown.size() == NAMES_SHOWN) {
                shown.add("and " + (tensors.size() - NAMES_SHOWN) + " more");
                break;
            }
            shown.add(e.getKey() + " " + e.getValue().shapeText());
        }
        return String.join(", ", shown);
    }
}

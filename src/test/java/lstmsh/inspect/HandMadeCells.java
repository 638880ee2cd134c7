package lstmsh.inspect;

import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A two-layer model whose weights are set by hand: unit 0:0 is on inside double quotes (it
 * flips at each quote through its own recurrent weight), unit 0:1 is on from an opening
 * bracket until the closing one, unit 1:0 copies 0:0 into the top layer, and the output layer
 * makes a quote likelier while 1:0 is on. Every other weight is zero.
 */
final class HandMadeCells {

    static final int EMBED = 3;
    static final int LOWER = 4;
    static final int UPPER = 3;
    /** Pre-activation that saturates a gate: sigmoid(12) is 1 - 6e-6. */
    private static final float B = 12;

    private HandMadeCells() {}

    static LstmLanguageModel model(Vocabulary vocabulary, Tokenizer tokenizer) {
        LstmLanguageModel model = LstmLanguageModel.create(new ModelSettings(EMBED, List.of(LOWER, UPPER), 0f, 1),
                vocabulary, tokenizer);
        Map<String, float[]> v = model.snapshot();
        v.replaceAll((name, values) -> new float[values.length]);
        int quote = vocabulary.id("\"");
        int open = vocabulary.id("(");
        int close = vocabulary.id(")");
        float[] embedding = v.get(LstmLanguageModel.EMBEDDING);
        embedding[quote * EMBED] = 1;
        embedding[open * EMBED + 1] = 1;
        embedding[close * EMBED + 2] = 1;
        float[] wih = v.get("lstm.0.w_ih");
        float[] whh = v.get("lstm.0.w_hh");
        float[] bias = v.get("lstm.0.b_ih");
        // Quote unit: at a quote, forget and write tanh(3 - 3.95 h): on from off, off from on.
        set(wih, EMBED, gate(0, 0), 0, 2 * B);
        bias[gate(0, 0)] = -B;
        set(wih, EMBED, gate(1, 0), 0, -2 * B);
        bias[gate(1, 0)] = B;
        bias[gate(2, 0)] = 3;
        set(whh, LOWER, gate(2, 0), 0, -3.95f);
        bias[gate(3, 0)] = B;
        // Bracket unit: an opening bracket writes tanh(3), a closing one writes 0.
        for (int input : new int[] {1, 2}) {
            set(wih, EMBED, gate(0, 1), input, 2 * B);
            set(wih, EMBED, gate(1, 1), input, -2 * B);
        }
        bias[gate(0, 1)] = -B;
        bias[gate(1, 1)] = B;
        set(wih, EMBED, gate(2, 1), 1, 3);
        bias[gate(3, 1)] = B;
        // Top unit 0 follows unit 0:0 step by step.
        float[] wih1 = v.get("lstm.1.w_ih");
        float[] bias1 = v.get("lstm.1.b_ih");
        bias1[UPPER * 0] = B;
        bias1[UPPER * 1] = -B;
        wih1[(UPPER * 2) * LOWER] = 3;
        bias1[UPPER * 3] = B;
        v.get(LstmLanguageModel.OUTPUT_WEIGHT)[quote * UPPER] = 4;
        model.restore(v);
        return model;
    }

    /** Row of gate k (i, f, g, o) of unit u in the lower layer. */
    private static int gate(int k, int u) {
        return k * LOWER + u;
    }

    private static void set(float[] weight, int inputs, int row, int column, float value) {
        weight[row * inputs + column] = value;
    }

    /** Words with quotes and brackets here and there, as tokens (single characters or words). */
    static List<String> text(boolean characters, int items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> words = List.of("the", "cat", "sat", "on", "a", "mat", "and", "said", "no");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            double r = random.nextDouble();
            List<String> item = new ArrayList<>();
            if (r < 0.2) {
                item.add("\"");
                for (int k = 0, n = 1 + random.nextInt(5); k < n; k++) {
                    item.add(words.get(random.nextInt(words.size())));
                }
                item.add("\"");
            } else if (r < 0.3) {
                item.addAll(List.of("(", words.get(random.nextInt(words.size())), ")"));
            } else {
                item.add(words.get(random.nextInt(words.size())));
            }
            if (i % 12 == 11) {
                item.add("\n");
            }
            for (String piece : item) {
                if (characters) {
                    piece.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
                    if (!piece.equals("\n") && !piece.equals("\"") && !piece.equals("(")) {
                        tokens.add(" ");
                    }
                } else {
                    tokens.add(piece);
                }
            }
        }
        return tokens;
    }

    static Vocabulary vocabulary(List<String> tokens) {
        return new Vocabulary(tokens.stream().distinct().sorted().toList());
    }

    static int[] ids(Vocabulary vocabulary, List<String> tokens) {
        return tokens.stream().mapToInt(vocabulary::id).toArray();
    }
}

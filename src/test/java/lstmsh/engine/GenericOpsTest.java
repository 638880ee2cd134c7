package lstmsh.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import lstmsh.CoreTest;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engine-neutral ops (what MXNet runs) against PyTorch's own, both on the PyTorch engine:
 * the loss through {@code gatherColumn} and the gradients it gives match, and clearing a
 * gradient leaves the next backward pass unaccumulated. On any engine, the engine's own ops give
 * the loss computed by hand from the logits (under -Pmxnet: the generic ops on MXNet).
 */
@CoreTest
class GenericOpsTest {

    private static final int BATCH = 3;
    private static final int STEPS = 5;

    /** A loss and every parameter's gradient, from two backward passes with the gradients cleared between. */
    private record Pass(float loss, Map<String, float[]> gradients, Map<String, float[]> second) {}

    @Test
    void genericOpsGiveThePyTorchLossAndGradients() {
        // Under -Pmxnet the generic ops are the engine's own: nothing to compare.
        assumeTrue(EngineSupport.engine().getEngineName().equals("PyTorch"));
        Corpus corpus = CorpusLoader.fromText("tiny", EnglishLikeGenerator.generate(2_000, 3), CorpusSettings.defaults());
        long[] tokens = new long[BATCH * STEPS];
        long[] targets = new long[BATCH * STEPS];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(corpus.vocabulary().size());
            targets[i] = random.nextInt(corpus.vocabulary().size());
        }
        try (LstmLanguageModel model = LstmLanguageModel.create(new ModelSettings(6, List.of(8), 0f, 1),
                corpus.vocabulary(), corpus.tokenizer())) {
            Pass pytorch = pass(EngineSupport.ops(), model, tokens, targets);
            Pass generic = pass(EngineOps.GENERIC, model, tokens, targets);
            assertEquals(pytorch.loss(), generic.loss(), 1e-6);
            float[] output = pytorch.gradients().get(LstmLanguageModel.OUTPUT_WEIGHT);
            assertTrue(Math.abs(output[0]) + Math.abs(output[output.length - 1]) > 0, "a gradient to compare");
            for (String name : pytorch.gradients().keySet()) {
                assertArrayEquals(pytorch.gradients().get(name), generic.gradients().get(name), 1e-6f, name);
                // Cleared between the passes: the second gradient is the first again, not twice it.
                assertArrayEquals(pytorch.gradients().get(name), pytorch.second().get(name), 1e-6f, name);
                assertArrayEquals(generic.gradients().get(name), generic.second().get(name), 1e-6f, name);
            }
        }
    }

    @Test
    void theEnginesOpsGiveTheLossComputedByHandAndClearGradients() {
        Corpus corpus = CorpusLoader.fromText("tiny", EnglishLikeGenerator.generate(2_000, 3), CorpusSettings.defaults());
        long[] tokens = new long[BATCH * STEPS];
        long[] targets = new long[BATCH * STEPS];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(corpus.vocabulary().size());
            targets[i] = random.nextInt(corpus.vocabulary().size());
        }
        try (LstmLanguageModel model = LstmLanguageModel.create(new ModelSettings(6, List.of(8, 8), 0f, 1),
                corpus.vocabulary(), corpus.tokenizer())) {
            Pass engine = pass(EngineSupport.ops(), model, tokens, targets);
            float[] logits;
            try (NDManager m = model.manager().newSubManager()) {
                logits = model.forward(m.create(tokens, new Shape(BATCH, STEPS)), null, false).logits().toFloatArray();
            }
            int vocabulary = logits.length / tokens.length;
            double sum = 0;
            for (int row = 0; row < tokens.length; row++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < vocabulary; k++) {
                    max = Math.max(max, logits[row * vocabulary + k]);
                }
                double exps = 0;
                for (int k = 0; k < vocabulary; k++) {
                    exps += Math.exp(logits[row * vocabulary + k] - max);
                }
                sum += max + Math.log(exps) - logits[row * vocabulary + (int) targets[row]];
            }
            assertEquals(sum / tokens.length, engine.loss(), 1e-5);
            float[] output = engine.gradients().get(LstmLanguageModel.OUTPUT_WEIGHT);
            assertTrue(Math.abs(output[0]) + Math.abs(output[output.length - 1]) > 0, "a gradient to compare");
            for (String name : engine.gradients().keySet()) {
                assertArrayEquals(engine.gradients().get(name), engine.second().get(name), 1e-6f, name);
            }
        }
    }

    private static Pass pass(EngineOps ops, LstmLanguageModel model, long[] tokens, long[] targets) {
        Map<String, NDArray> parameters = model.parameters();
        ops.setGradMode(false);
        float loss = 0;
        List<Map<String, float[]>> gradients = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            try (NDManager step = model.manager().newSubManager()) {
                step.tempAttachAll(parameters.values().toArray(new NDArray[0]));
                NDArray x = step.create(tokens, new Shape(BATCH, STEPS));
                NDArray y = step.create(targets, new Shape(BATCH * STEPS, 1));
                try (GradientCollector collector = EngineSupport.engine().newGradientCollector()) {
                    NDArray logits = model.forward(x, null, true).logits();
                    long vocabulary = logits.getShape().get(logits.getShape().dimension() - 1);
                    NDArray logProbabilities = logits.logSoftmax(-1).reshape(-1, vocabulary);
                    NDArray lossArray = ops.gatherColumn(logProbabilities, y).reshape(-1).neg().mean();
                    collector.backward(lossArray);
                    loss = lossArray.getFloat();
                }
                Map<String, float[]> g = new LinkedHashMap<>();
                parameters.forEach((name, p) -> {
                    try (NDArray grad = p.getGradient()) {
                        g.put(name, grad.toFloatArray());
                    }
                });
                gradients.add(g);
                parameters.values().forEach(ops::zeroGradient);
            }
        }
        return new Pass(loss, gradients.get(0), gradients.get(1));
    }
}

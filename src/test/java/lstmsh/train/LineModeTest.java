package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.LineSequences;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;

import org.junit.jupiter.api.Test;

@CoreTest
class LineModeTest {

    private static final String TEXT = "the cat sat\nno\n\na dog is barking loudly\nhi there\nx\n";

    @Test
    void maskedLossOfAPaddedBatchEqualsTheSequencesOneByOne() {
        Corpus corpus = CorpusLoader.fromText("lines", TEXT, new CorpusSettings(0, CorpusSettings.Split.LINES));
        int newline = corpus.vocabulary().id("\n");
        LineSequences lines = LineSequences.of(corpus.tokens(), newline, 100, false, false);
        assertEquals(6, lines.size());
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 4)) {
            // All six lines in one padded batch (lengths 12, 3, 1, 23, 9, 2).
            double padded = Evaluator.loss(model, new LineBatches(lines, 6, false));
            EngineSupport.ops().setGradMode(false);
            double sum = 0;
            long count = 0;
            try (NDManager m = model.manager().newSubManager()) {
                for (int i = 0; i < lines.size(); i++) {
                    int n = lines.length(i);
                    long[] in = new long[n];
                    long[] out = new long[n];
                    lines.copy(i, in, out, 0);
                    var logits = model.forward(m.create(in, new Shape(1, n)), null, false).logits();
                    sum += LanguageModelLoss.crossEntropy(logits, m.create(out, new Shape(1, n))).getFloat() * n;
                    count += n;
                }
            }
            assertEquals(sum / count, padded, 1e-5);
            // Batches of two pad differently and still agree.
            assertEquals(padded, Evaluator.loss(model, new LineBatches(lines, 2, false)), 1e-5);
        }
    }

    @Test
    void linesModeTrainsWithoutCarryingState() {
        Corpus corpus = CorpusLoader.fromText("lines", TEXT.repeat(40), new CorpusSettings(0.2, CorpusSettings.Split.LINES));
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 4);
                TrainingState state = new TrainingState(model.manager())) {
            double before = Evaluator.loss(model, TrainingData.of(corpus, TrainSettings.builder().batch(8).seq(16).build())
                    .validation());
            TrainResult r = new TrainingLoop(model, corpus, TrainSettings.builder().steps(40).batch(8).seq(16).lr(0.02)
                    .build(), state, TrainingListener.NONE, new CancelSignal()).run();
            assertNull(state.carried());
            assertTrue(state.dataShape().startsWith("lines 8x16"), state.dataShape());
            assertTrue(r.valLoss() < before * 0.8, before + " → " + r.valLoss());
        }
    }
}

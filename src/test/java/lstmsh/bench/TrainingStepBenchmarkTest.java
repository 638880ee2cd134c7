package lstmsh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The bare LSTM the training step is compared with does the same backward, the input's gradient included. */
@CoreTest
class TrainingStepBenchmarkTest {

    private static final BenchSettings TINY = new BenchSettings(List.of(8), 2, 3, 5, 4, 6, 1, 1, false, 20, 8);

    @Test
    void bareLstmComputesTheGradientOfItsInputAsTheEmbeddingOutputNeedsIt() {
        try (TrainingStepBenchmark.BareLstm bare = new TrainingStepBenchmark.BareLstm(TINY, 8)) {
            List<Double> times = new ArrayList<>();
            bare.steps(2, times);
            assertEquals(2, times.size());
            assertTrue(bare.input().hasGradient(), "the input must take a gradient, as the embedding's output does");
        }
    }
}

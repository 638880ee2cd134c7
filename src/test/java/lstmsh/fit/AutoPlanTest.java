package lstmsh.fit;

import lstmsh.CoreTest;
import lstmsh.train.TrainSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The planner on made-up corpora and a made-up machine: no engine involved. */
@CoreTest
class AutoPlanTest {

    /** Roughly this 2-core machine: 60k tok/s at 1 × 128, 8k at 2 × 256, 2k at 2 × 512. */
    static final MachineSpeed TWO_CORES = MachineSpeed.of(List.of(
            new MachineSpeed.Point(64, 128, 1, 100, 60_000),
            new MachineSpeed.Point(64, 256, 2, 100, 8_000),
            new MachineSpeed.Point(64, 512, 2, 100, 2_100)), "test");

    static CorpusProfile chars(long tokens) {
        return new CorpusProfile("char", tokens * 9 / 10, tokens / 10, 100, 3.1, Double.NaN, 0);
    }

    static AutoPlan.Plan plan(CorpusProfile corpus, double minutes) {
        return AutoPlan.choose(corpus, TWO_CORES, minutes, AutoPlan.Overrides.none());
    }

    @Test
    void aSmallCorpusGetsDropoutAndFewerParametersThanALargeOne() {
        AutoPlan.Plan small = plan(chars(30_000), 10);
        AutoPlan.Plan large = plan(chars(100_000_000), 10);
        assertTrue(small.dropout() >= 0.2, "many passes over 27k tokens: " + small);
        assertTrue(small.parameters() <= 2 * 27_000, "no more parameters than it can learn from: " + small.parameters());
        assertTrue(small.passes() > 50, "passes " + small.passes());
        assertEquals(0f, large.dropout(), "under one pass: nothing to memorise");
        assertTrue(large.passes() < 1, "passes " + large.passes());
        assertTrue(large.parameters() > 2 * small.parameters(), small.parameters() + " vs " + large.parameters());
        assertTrue(small.patience() > 0, "an over-fitting run stops early: " + small.patience());
        assertEquals(0, large.patience());
    }

    @Test
    void moreMinutesBuyAWiderModelAndMoreSteps() {
        AutoPlan.Plan two = plan(chars(1_000_000), 2);
        AutoPlan.Plan ten = plan(chars(1_000_000), 10);
        assertTrue(ten.parameters() > two.parameters(), two.shape() + " vs " + ten.shape());
        assertTrue(ten.plannedSteps() > two.plannedSteps());
        assertTrue(ten.lr() <= two.lr(), "wider layers, lower peak rate");
        // Each budget is spent mostly on training: validation takes a small share.
        for (AutoPlan.Plan p : List.of(two, ten)) {
            assertTrue(p.evalEvery() > 0 && p.plannedSteps() / p.evalEvery() >= AutoPlan.MIN_EVALS, p.toString());
            assertTrue(p.plannedSteps() / p.evalEvery() <= AutoPlan.MAX_EVALS + 1, p.toString());
            assertTrue(p.warmup() >= AutoPlan.MIN_WARMUP && p.warmup() < p.plannedSteps() / 10, p.toString());
        }
        // Two minutes still trains a usable model: enough steps, tokens enough for its size.
        assertTrue(two.plannedSteps() >= 300, "steps " + two.plannedSteps());
        assertTrue(two.tokensPerSecond() * 120 / two.parameters() >= AutoPlan.TOKENS_PER_PARAMETER);
    }

    @Test
    void givenOptionsAreKeptAndMarked() {
        AutoPlan.Overrides given = new AutoPlan.Overrides(null, 512, null, 0.3f, 16, null, 0.001,
                TrainSettings.OptimizerKind.RMSPROP, 5L, null, null);
        AutoPlan.Plan p = AutoPlan.choose(chars(1_000_000), TWO_CORES, 10, given);
        assertEquals(512, p.shape().hidden());
        assertEquals(0.3f, p.dropout());
        assertEquals(16, p.batch());
        assertEquals(0.001, p.lr());
        assertEquals(TrainSettings.OptimizerKind.RMSPROP, p.optimizer());
        assertEquals(5, p.warmup());
        for (String name : List.of("dropout", "batch", "rate", "warm-up")) {
            assertTrue(p.choices().stream().anyMatch(c -> c.name().equals(name) && c.given()), name);
        }
        assertFalse(p.choices().stream().anyMatch(c -> c.name().equals("model") && c.given()),
                "the layers were still chosen");
        AutoPlan.Plan fixed = AutoPlan.choose(chars(1_000_000), TWO_CORES, 10,
                new AutoPlan.Overrides(32, 64, 3, null, null, null, null, null, null, null, null));
        assertEquals(new ModelShape(32, 64, 3), fixed.shape());
        assertThrows(IllegalArgumentException.class, () -> new AutoPlan.Overrides(null, null, 0, null, null, null,
                null, null, null, null, null));
    }

    @Test
    void wordsGetAWiderEmbeddingAndShorterSequencesThanCharacters() {
        CorpusProfile words = new CorpusProfile("word", 2_000_000, 200_000, 20_000, 6.5, Double.NaN, 0);
        AutoPlan.Plan w = AutoPlan.choose(words, TWO_CORES, 10, AutoPlan.Overrides.none());
        AutoPlan.Plan c = plan(chars(2_200_000), 10);
        assertTrue(w.shape().embed() > c.shape().embed(), w.shape() + " vs " + c.shape());
        assertTrue(w.seq() < c.seq());
        // The softmax over 20k words costs: the word model's speed counts it.
        assertTrue(w.tokensPerSecond() < TWO_CORES.tokensPerSecond(w.shape(), 100));
    }

    @Test
    void theSpeedFitPassesThroughItsTimings() {
        for (MachineSpeed.Point p : TWO_CORES.points()) {
            double estimate = TWO_CORES.tokensPerSecond(new ModelShape(p.embed(), p.hidden(), p.layers()), p.vocab());
            assertEquals(1, estimate / p.tokensPerSecond(), 0.35, p.toString());
        }
        double between = TWO_CORES.tokensPerSecond(new ModelShape(64, 384, 2), 100);
        assertTrue(between < 8_000 && between > 2_100, "interpolated: " + between);
    }
}

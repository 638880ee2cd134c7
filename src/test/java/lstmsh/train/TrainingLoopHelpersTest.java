package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loop's pure pieces, each alone, as nanoGPT tests get_lr. */
@CoreTest
class TrainingLoopHelpersTest {

    @Test
    void totalStepsAreTheStepsElseWholeEpochs() {
        assertEquals(300, TrainingLoop.totalSteps(TrainSettings.builder().steps(300).build(), 40));
        assertEquals(120, TrainingLoop.totalSteps(TrainSettings.builder().epochs(3).build(), 40));
        assertEquals(40, TrainingLoop.totalSteps(TrainSettings.defaults(), 40));
    }

    @Test
    void validationComesAboutTenTimesARunAtLeastFiftyStepsApart() {
        assertEquals(7, TrainingLoop.evalEvery(TrainSettings.builder().evalEvery(7).build(), 1000));
        assertEquals(100, TrainingLoop.evalEvery(TrainSettings.defaults(), 1000));
        assertEquals(51, TrainingLoop.evalEvery(TrainSettings.defaults(), 501));
        assertEquals(50, TrainingLoop.evalEvery(TrainSettings.defaults(), 120));
    }

    @Test
    void divergenceIsANonFiniteStepOrALossOverThreeTimesTheFirst() {
        assertNull(TrainingLoop.divergence(2.0, 1.0, 1.5));
        assertNull(TrainingLoop.divergence(4.5, 1.0, 1.5), "exactly three times is still noise");
        assertEquals("the loss rose to 4.600, over 3× its starting 1.500", TrainingLoop.divergence(4.6, 1.0, 1.5));
        assertEquals("the loss became NaN", TrainingLoop.divergence(Double.NaN, 1.0, 1.5));
        assertEquals("the loss became infinite", TrainingLoop.divergence(Double.POSITIVE_INFINITY, Double.NaN, 1.5));
        assertEquals("the gradient norm became NaN", TrainingLoop.divergence(2.0, Double.NaN, 1.5));
        assertEquals("the gradient norm became infinite", TrainingLoop.divergence(2.0, Double.POSITIVE_INFINITY, 1.5));
    }

    @Test
    void theSmoothedLossStartsAtTheFirstAndMovesATwentiethOfTheWay() {
        assertEquals(2.0, TrainingLoop.smoothed(Double.NaN, 2.0));
        assertEquals(2.1, TrainingLoop.smoothed(2.0, 4.0), 1e-15);
        assertEquals(1.95, TrainingLoop.smoothed(2.0, 1.0), 1e-15);
    }

    @Test
    void theTimeLeftCountsStepsAndValidationsWithinTheBudget() {
        // 100 steps left, every 50: 2 scheduled, (10 + 100) / 40 = 2 epoch ends, 1 final pass.
        assertEquals(5, TrainingLoop.evalsLeft(100, 50, 10, 40));
        assertEquals(5, TrainingLoop.evalsLeft(100, 50, 90, 40), "the window counts within its epoch");
        assertEquals(0, TrainingLoop.evalsLeft(0, 50, 0, 40), "the last step's pass came before");
        assertEquals(11.0, TrainingLoop.timeLeft(10, 0.5, 2, 3.0, Double.POSITIVE_INFINITY));
        assertEquals(4.0, TrainingLoop.timeLeft(10, 0.5, 2, 3.0, 4.0));
    }

    @Test
    void aFinalValidationFollowsOnlyARunCutShortAfterAnUnmeasuredStep() {
        assertTrue(TrainingLoop.finalPassDue(TrainResult.Stop.CANCELLED, 5, true, false));
        assertTrue(TrainingLoop.finalPassDue(TrainResult.Stop.TIME_BUDGET, 5, true, false));
        assertFalse(TrainingLoop.finalPassDue(TrainResult.Stop.CANCELLED, 5, true, true));
        assertFalse(TrainingLoop.finalPassDue(TrainResult.Stop.CANCELLED, 0, true, false));
        assertFalse(TrainingLoop.finalPassDue(TrainResult.Stop.CANCELLED, 5, false, false));
        assertFalse(TrainingLoop.finalPassDue(TrainResult.Stop.COMPLETED, 5, true, false));
        assertFalse(TrainingLoop.finalPassDue(TrainResult.Stop.DIVERGED, 5, true, false));
        assertFalse(TrainingLoop.finalPassDue(TrainResult.Stop.EARLY_STOPPED, 5, true, false));
    }

    @Test
    void adviceAfterADivergenceNamesWhatToChange() {
        assertEquals("try a lower --lr (this step used 0.300; e.g. 0.10) and turn clipping on (--clip 5),"
                + " or a warm-up (--warmup 100)", TrainingLoop.advice(0.3, TrainSettings.builder().clip(0).build()));
        TrainSettings warm = TrainSettings.builder().schedule(Schedule.DEFAULT.withWarmup(100)).build();
        assertEquals("try a lower --lr (this step used 0.300; e.g. 0.10) or a smaller --clip (now 5)",
                TrainingLoop.advice(0.3, warm));
        TrainSettings tight = TrainSettings.builder().clip(0.25).schedule(Schedule.DEFAULT.withWarmup(100)).build();
        assertEquals("try a lower --lr (this step used 0.00200; e.g. 0.00067)", TrainingLoop.advice(0.002, tight));
    }

    @Test
    void theStepSeedDependsOnTheSeedAndTheStepOnly() {
        assertEquals(TrainingLoop.stepSeed(1, 7), TrainingLoop.stepSeed(1, 7));
        assertTrue(TrainingLoop.stepSeed(1, 7) != TrainingLoop.stepSeed(1, 8));
        assertTrue(TrainingLoop.stepSeed(1, 7) != TrainingLoop.stepSeed(2, 7));
    }
}

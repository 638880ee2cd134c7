package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;

import org.junit.jupiter.api.Test;

@CoreTest
class ScheduleTest {

    @Test
    void stepDecayFollowsCharRnn() {
        Schedule s = Schedule.of(Schedule.Kind.STEP).withDecay(0.5, 10);
        // Epochs 0..10 at the base rate; from the 11th epoch (10 completed) × 0.5 per epoch.
        assertEquals(1.0, s.lr(1, 0, 0, 100, 1), 1e-12);
        assertEquals(1.0, s.lr(1, 999, 9, 100, 1), 1e-12);
        assertEquals(0.5, s.lr(1, 1000, 10, 100, 1), 1e-12);
        assertEquals(0.125, s.lr(1, 1200, 12, 100, 1), 1e-12);
        Schedule every = Schedule.of(Schedule.Kind.STEP).withDecay(0.97, 0);
        assertEquals(0.97 * 0.97, every.lr(1, 0, 2, 100, 1), 1e-12);
    }

    @Test
    void timedCosineEndsWhenTheBudgetDoesWhateverTheSteps() {
        Schedule s = Schedule.of(Schedule.Kind.COSINE).withWarmup(10).withCosine(0, Double.NaN).overTime();
        // The clock, not the step count, moves the cosine: a slow machine at step 30 and a fast
        // one at step 3000 get the same rate at the same share of the budget.
        assertEquals(0.1, s.lr(1, 0, 0, 100, 1, 0.0), 1e-12);
        assertEquals(1.0, s.lr(1, 10, 0, 100, 1, 0.0), 1e-12);
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.03)), s.lr(1, 10, 0, 100, 1, 0.03), 1e-12);
        assertEquals(0.55, s.lr(1, 30, 0, 100, 1, 0.5), 1e-12);
        assertEquals(0.55, s.lr(1, 3000, 0, 100, 1, 0.5), 1e-12);
        assertEquals(0.1, s.lr(1, 31, 0, 100, 1, 1.0), 1e-12);
        assertEquals(0.1, s.lr(1, 31, 0, 100, 1, 1.2), 1e-12);
        // Without a budget it falls back to the steps of the run.
        assertEquals(0.55, s.lr(1, 55, 0, 100, 1, Double.NaN), 1e-12);
        assertEquals("--schedule cosine (over the time budget) --warmup 10", s.options());
    }

    @Test
    void cosineWarmsUpThenFallsToItsFloor() {
        Schedule s = Schedule.of(Schedule.Kind.COSINE).withWarmup(10).withCosine(110, Double.NaN);
        assertEquals(0.1, s.lr(1, 0, 0, 0, 1), 1e-12);
        assertEquals(1.0, s.lr(1, 9, 0, 0, 1), 1e-12);
        assertEquals(1.0, s.lr(1, 10, 0, 0, 1), 1e-12);
        assertEquals(0.55, s.lr(1, 60, 0, 0, 1), 1e-12); // halfway: (1 + 0.1) / 2
        assertEquals(0.1, s.lr(1, 110, 0, 0, 1), 1e-12);
        assertEquals(0.1, s.lr(1, 500, 0, 0, 1), 1e-12);
        // Without --decay-steps the run's end is the cosine's end.
        Schedule toRunEnd = Schedule.of(Schedule.Kind.COSINE).withCosine(0, 0);
        assertEquals(0.5, toRunEnd.lr(1, 50, 0, 100, 1), 1e-12);
    }

    @Test
    void plateauCutsWhenValidationStalls() {
        Corpus corpus = TestCorpora.prose();
        Schedule s = Schedule.of(Schedule.Kind.PLATEAU).withPlateau(0.25, 1);
        try (LstmLanguageModel model = TestCorpora.smallModel(corpus, 1);
                TrainingState state = new TrainingState(model.manager())) {
            state.recordValidation(10, 2.0, model, s);
            state.recordValidation(20, 2.1, model, s); // first stall: tolerated
            assertEquals(1.0, state.plateauScale());
            state.recordValidation(30, 2.05, model, s); // second: cut
            assertEquals(0.25, state.plateauScale());
            assertEquals(0.25 * 0.002, s.lr(0.002, 30, 0, 100, state.plateauScale()), 1e-12);
            state.recordValidation(40, 1.9, model, s); // a new best resets the count
            state.recordValidation(50, 1.95, model, s);
            assertEquals(0.25, state.plateauScale());
            assertEquals(1, state.evalsSinceBest());
            assertEquals(40, state.bestValStep());
        }
    }
}

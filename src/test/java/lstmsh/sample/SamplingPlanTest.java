package lstmsh.sample;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

@CoreTest
class SamplingPlanTest {

    private static final SamplingSettings DRAW = new SamplingSettings(50, 0.8, "", 7);

    private static String refused(SamplingSettings settings, int count, List<Double> temperatures) {
        return assertThrows(IllegalArgumentException.class, () -> new SamplingPlan(settings, count, temperatures))
                .getMessage();
    }

    @Test
    void countDrawsSamplesWithConsecutiveSeeds() {
        SamplingPlan plan = new SamplingPlan(DRAW, 3, null);
        assertFalse(plan.sweepsTemperatures());
        assertEquals(List.of(7L, 8L, 9L), plan.samples().stream().map(SamplingSettings::seed).toList());
        assertTrue(plan.samples().stream().allMatch(s -> s.temperature() == 0.8));
    }

    @Test
    void temperaturesDrawOneSampleEachWithTheSameSeed() {
        SamplingPlan plan = new SamplingPlan(DRAW, 1, List.of(0.5, 1.5));
        assertTrue(plan.sweepsTemperatures());
        assertEquals(List.of(0.5, 1.5), plan.samples().stream().map(SamplingSettings::temperature).toList());
        assertTrue(plan.samples().stream().allMatch(s -> s.seed() == 7));
    }

    @Test
    void optionsThatCannotGoTogetherAreRefused() {
        assertEquals("--count must be between 1 and 1000, got 0", refused(DRAW, 0, null));
        assertEquals("--count must be between 1 and 1000, got 1001", refused(DRAW, 1001, null));
        assertEquals("use either --temperatures or --count, not both", refused(DRAW, 2, List.of(0.5)));
        SamplingSettings greedy = new SamplingSettings(50, 1.0, 0, 1.0, true, "", 1, "", null);
        assertEquals("--greedy ignores the temperature; drop it to use --temperatures", refused(greedy, 1, List.of(0.5)));
        assertEquals("--temperatures: must be a positive number, got -1.0", refused(DRAW, 1, List.of(0.5, -1.0)));
        // Greedy sampling on its own, and several counts without temperatures, are fine.
        assertEquals(1, new SamplingPlan(greedy, 1, null).samples().size());
        assertEquals(1000, new SamplingPlan(DRAW, SamplingPlan.MAX_COUNT, List.of()).samples().size());
    }

    @Test
    void unknownPolicyNamesAreWhatUsersType() {
        assertEquals(List.of("skip", "stop"), SamplingSettings.UnknownPolicy.names());
        assertEquals(SamplingSettings.UnknownPolicy.STOP, SamplingSettings.UnknownPolicy.parse(" Stop "));
        assertEquals("--on-unknown takes skip or stop, got 'keep'",
                assertThrows(IllegalArgumentException.class, () -> SamplingSettings.UnknownPolicy.parse("keep"))
                        .getMessage());
    }
}

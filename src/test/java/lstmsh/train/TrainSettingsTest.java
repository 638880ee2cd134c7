package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

@CoreTest
class TrainSettingsTest {

    @Test
    void describeWritesTheSettingsAsOptions() {
        assertEquals("--epochs 1 --batch 64 --seq 100 --optimizer adam --lr 0.002 --schedule constant --clip 5 --seed 1",
                TrainSettings.defaults().describe());
        TrainSettings all = TrainSettings.builder().steps(12).minutes(1.5).batch(8).seq(24).lr(0.01)
                .optimizer(TrainSettings.OptimizerKind.SGD).momentum(0.9).weightDecay(0.01)
                .schedule(Schedule.of(Schedule.Kind.COSINE).withWarmup(3)).clip(0.25)
                .classWeights(TrainSettings.ClassWeighting.SQRT_INVERSE).labelSmoothing(0.05).carryState(false)
                .patience(5).seed(9).build();
        assertEquals("--steps 12 --minutes 1.5 --batch 8 --seq 24 --optimizer sgd --lr 0.01 --momentum 0.9"
                + " --weight-decay 0.01 --schedule cosine --warmup 3 --clip 0.25 --class-weights sqrt-inverse"
                + " --label-smoothing 0.05 --no-carry-state --patience 5 --seed 9", all.describe());
    }

    @Test
    void numbersAreWrittenAsOptionValues() {
        assertEquals("5", TrainSettings.number(5));
        assertEquals("0.002", TrainSettings.number(0.002));
        assertEquals("0.1235", TrainSettings.number(0.123456));
        assertEquals("1000000000000000000000000000000", TrainSettings.number(1e30));
    }

    @Test
    void labelsReadBackAndAWrongOneListsThem() {
        assertEquals(TrainSettings.OptimizerKind.ADAMW, TrainSettings.OptimizerKind.parse(" AdamW "));
        assertEquals(TrainSettings.ClassWeighting.SQRT_INVERSE, TrainSettings.ClassWeighting.parse("sqrt-inverse"));
        assertEquals(Schedule.Kind.COSINE, Schedule.Kind.parse("cosine"));
        assertEquals("'lion' is not an optimizer; use adam, adamw, sgd or rmsprop",
                assertThrows(IllegalArgumentException.class, () -> TrainSettings.OptimizerKind.parse("lion")).getMessage());
        assertEquals("'rare' is not a class weighting; use none, inverse or sqrt-inverse",
                assertThrows(IllegalArgumentException.class, () -> TrainSettings.ClassWeighting.parse("rare")).getMessage());
        assertEquals("'linear' is not a schedule; use constant, step, cosine or plateau",
                assertThrows(IllegalArgumentException.class, () -> Schedule.Kind.parse("linear")).getMessage());
    }

    @Test
    void scheduleOptionsOfAnotherKindAreRefused() {
        assertEquals(Schedule.of(Schedule.Kind.STEP).withDecay(0.5, 2),
                Schedule.fromOptions("step", 0, 0.5, 2.0, null, null, null, null));
        assertEquals(Schedule.of(Schedule.Kind.COSINE).withWarmup(3).withCosine(100, 0.001),
                Schedule.fromOptions("cosine", 3, null, null, 100L, 0.001, null, null));
        assertEquals("--decay and --decay-after belong to --schedule step", assertThrows(IllegalArgumentException.class,
                () -> Schedule.fromOptions("cosine", 0, 0.5, null, null, null, null, null)).getMessage());
        assertEquals("--decay-steps and --min-lr belong to --schedule cosine", assertThrows(IllegalArgumentException.class,
                () -> Schedule.fromOptions("plateau", 0, null, null, null, 0.1, null, null)).getMessage());
        assertEquals("--plateau-factor and --plateau-patience belong to --schedule plateau",
                assertThrows(IllegalArgumentException.class,
                        () -> Schedule.fromOptions("constant", 0, null, null, null, null, null, 2)).getMessage());
        assertEquals("--decay-steps (5) must come after the warm-up (5 steps)", assertThrows(IllegalArgumentException.class,
                () -> Schedule.fromOptions("cosine", 5, null, null, 5L, null, null, null)).getMessage());
    }
}

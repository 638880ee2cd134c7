package lstmsh.inspect;

import lstmsh.CoreTest;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.ScenarioCorpora;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.MetricPoint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

@CoreTest
class DiagnosisChecksTest {

    private static final TrainingChecks.References UNIGRAM = new TrainingChecks.References(3.1, Double.NaN, 0);
    private static final ModelSettings SETTINGS = new ModelSettings(16, List.of(64), 0f, 1);
    private static final TrainingChecks.Run RUN = new TrainingChecks.Run(SETTINGS, 0);

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() != Finding.Severity.INFO).map(Finding::name).toList();
    }

    /** A loss falling from 3 towards 1.2, validation following it. */
    private static List<MetricPoint> healthy() {
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= 300; s++) {
            double loss = 1.2 + 1.8 * Math.exp(-s / 60.0) + 0.02 * Math.sin(s);
            h.add(new MetricPoint(s, loss, s % 50 == 0 ? loss + 0.05 : Double.NaN, 0.002, 0.5));
        }
        return h;
    }

    @Test
    void aHealthyHistoryRaisesNothing() {
        assertEquals(List.of(), codes(TrainingChecks.check(healthy(), UNIGRAM, RUN, Double.NaN, 96)));
    }

    /** The healthy history with the loss tripled at four steps, and the validation after them as given. */
    private static List<MetricPoint> spiky(boolean stillImproving) {
        List<MetricPoint> h = new ArrayList<>(healthy());
        for (int i : new int[] {100, 150, 200, 250}) {
            MetricPoint p = h.get(i);
            h.set(i, new MetricPoint(p.step(), p.loss() * 3, p.valLoss(), p.lr(), p.gradNorm()));
        }
        if (!stillImproving) {
            for (int i = 199; i < h.size(); i += 50) {
                MetricPoint p = h.get(i);
                h.set(i, new MetricPoint(p.step(), p.loss(), 1.6 + i / 100.0, p.lr(), p.gradNorm()));
            }
        }
        return h;
    }

    @Test
    void spikesAndARisingLossPointAtTheLearningRate() {
        assertTrue(codes(TrainingChecks.check(spiky(false), UNIGRAM, RUN, Double.NaN, 96)).contains("LR_TOO_HIGH"));
        List<MetricPoint> rising = new ArrayList<>(healthy());
        for (int s = 301; s <= 340; s++) {
            rising.add(new MetricPoint(s, 2.5, Double.NaN, 0.05, 3));
        }
        Finding f = TrainingChecks.check(rising, UNIGRAM, RUN, Double.NaN, 96).stream().filter(x -> x.name().equals("LR_TOO_HIGH")).findFirst().orElseThrow();
        assertEquals("train --lr 0.013", f.fix());
    }

    /** A stretch of harder text raises the training loss, but a validation pass within it still at its best says the rate is fine. */
    @Test
    void aRiseInTrainingLossWithValidationAtItsBestIsTheText() {
        List<MetricPoint> harder = new ArrayList<>(healthy());
        double bestValidation = harder.stream().mapToDouble(MetricPoint::valLoss).filter(Double::isFinite).min().orElseThrow();
        for (int s = 301; s <= 340; s++) {
            harder.add(new MetricPoint(s, 2.5, s == 340 ? bestValidation - 0.01 : Double.NaN, 0.05, 3));
        }
        assertEquals(List.of(), codes(TrainingChecks.check(harder, UNIGRAM, RUN, Double.NaN, 96)));
        harder.set(harder.size() - 1, new MetricPoint(340, 2.5, bestValidation + 1.0, 0.05, 3));
        assertTrue(codes(TrainingChecks.check(harder, UNIGRAM, RUN, Double.NaN, 96)).contains("LR_TOO_HIGH"));
    }

    /** A run that chose a high rate on purpose and whose validation loss still reaches new bests is left alone. */
    @Test
    void spikesInARunThatStillImprovesAreNotALearningRateProblem() {
        assertEquals(List.of(), codes(TrainingChecks.check(spiky(true), UNIGRAM, RUN, Double.NaN, 96)));
    }

    @Test
    void aLossNearTheUnigramEntropyIsNotConverged() {
        List<MetricPoint> flat = new ArrayList<>();
        for (int s = 1; s <= 50; s++) {
            flat.add(new MetricPoint(s, 3.0, Double.NaN, 0.002, 0.1));
        }
        assertTrue(codes(TrainingChecks.check(flat, UNIGRAM, RUN, Double.NaN, 96)).contains("NOT_CONVERGED"));
        assertEquals("INFO", TrainingChecks.check(List.of(), UNIGRAM, RUN, Double.NaN, 96).get(0).severity().name());
    }

    /** Without a history, the measured loss tells an untrained model from an imported one, judged like a finished run. */
    @Test
    void aModelWithoutHistoryIsJudgedByItsMeasuredLoss() {
        TrainingChecks.References references = new TrainingChecks.References(3.0, 1.5, 6);
        Finding untrained = TrainingChecks.check(List.of(), references, RUN, 4.55, 96).get(0);
        assertEquals("NOT_CONVERGED", untrained.name());
        assertFalse(untrained.serious(), untrained.toString());
        assertTrue(untrained.evidence().contains("has not been trained yet: its validation loss 4.550 nats/token is uniform"
                + " guessing's (ln 96 = 4.564)"), untrained.evidence());
        Finding worse = TrainingChecks.check(List.of(), references, RUN, 3.4, 96).get(0);
        assertEquals("WORSE_THAN_UNIGRAM", worse.name());
        assertTrue(worse.evidence().contains("trained elsewhere and imported"), worse.evidence());
        Finding behind = TrainingChecks.check(List.of(), references, RUN, 2.0, 96).get(0);
        assertEquals("NOT_CONVERGED", behind.name());
        assertTrue(behind.serious(), behind.toString());
        assertTrue(behind.evidence().contains("0.500 nats behind"), behind.evidence());
        assertEquals(List.of(), codes(TrainingChecks.check(List.of(), references, RUN, 1.2, 96)));
    }

    /** A flat loss for {@code steps} steps, validated every 50. */
    private static List<MetricPoint> flat(int steps, double loss, double lr) {
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            h.add(new MetricPoint(s, loss, s % 50 == 0 ? loss : Double.NaN, lr, 0.1));
        }
        return h;
    }

    @Test
    void aModelWorseThanTheUnigramIsTheProblemToFixFirst() {
        var references = new TrainingChecks.References(0.75, 0.5, 4);
        List<Finding> findings = TrainingChecks.check(flat(30, 2.12, 0.002), references, RUN, Double.NaN, 96);
        assertEquals(List.of("WORSE_THAN_UNIGRAM"), codes(findings));
        Finding f = findings.get(0);
        assertEquals(Finding.Severity.PROBLEM, f.severity());
        assertTrue(f.evidence().contains("2.120") && f.evidence().contains("0.750"), f.evidence());
        assertEquals("train --lr 0.02", TrainingChecks.check(flat(30, 2.12, 0.2), references, RUN, Double.NaN, 96).get(0).fix());
        assertEquals("train --lr 0.002", TrainingChecks.check(flat(30, 2.12, 1e-6), references, RUN, Double.NaN, 96).get(0).fix());
        assertEquals(List.of(), codes(TrainingChecks.check(flat(30, 0.6, 0.002), references, RUN, Double.NaN, 96)));
    }

    /** A loss falling from 3 towards 1.5 over {@code steps} steps, still falling at the end, validated every 50. */
    private static List<MetricPoint> falling(int steps) {
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            double loss = 1.5 + 1.5 * (1 - (double) s / steps);
            h.add(new MetricPoint(s, loss, s % 50 == 0 ? loss : Double.NaN, 0.002, 0.1));
        }
        return h;
    }

    @Test
    void noBetterThanTheNgramBaselineAfterFairTrainingIsNotConverged() {
        var references = new TrainingChecks.References(3.1, 1.2, 5);
        // Flattened: a fair comparison whatever the step count, and more steps will not help: a wider model.
        List<Finding> behind = TrainingChecks.check(flat(400, 1.5, 0.002), references, RUN, Double.NaN, 96);
        assertEquals(List.of("NOT_CONVERGED"), codes(behind));
        assertTrue(behind.get(0).evidence().startsWith("validation loss 1.500 nats/token is no better than the n-gram"
                + " baseline's 1.200 (Kneser-Ney, order 5): 0.300 nats behind a model of counts after 400 steps"),
                behind.get(0).evidence());
        assertEquals("model new --embed 16 --hidden 128 --layers 1", behind.get(0).fix());
        // Still falling and short of one pass over the text: only info, whatever the step count.
        List<Finding> early = TrainingChecks.check(falling(4000), references, new TrainingChecks.Run(SETTINGS, 10_000), Double.NaN, 96);
        assertEquals(List.of(), codes(early));
        assertEquals(Finding.Severity.INFO, early.get(0).severity());
        // Still falling after more than a pass: train on.
        List<Finding> slow = TrainingChecks.check(falling(400), references, new TrainingChecks.Run(SETTINGS, 300), Double.NaN, 96);
        assertEquals(List.of("NOT_CONVERGED"), codes(slow));
        assertTrue(slow.get(0).evidence().contains("(1.33 passes over the training text)"), slow.get(0).evidence());
        assertEquals("train --steps 800", slow.get(0).fix());
        assertEquals(List.of(), codes(TrainingChecks.check(flat(400, 1.1, 0.002), references, RUN, Double.NaN, 96)));
    }

    @Test
    void validationRisingWhileTrainingFallsIsOverfitting() {
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= 400; s++) {
            double loss = 2.0 - s / 400.0;
            double val = s % 50 != 0 ? Double.NaN : s <= 150 ? 2.0 - s / 400.0 : 1.6 + (s - 150) / 200.0;
            h.add(new MetricPoint(s, loss, val, 0.002, 0.5));
        }
        Finding f = TrainingChecks.check(h, UNIGRAM, RUN, Double.NaN, 96).stream().filter(x -> x.name().equals("OVERFITTING"))
                .findFirst().orElseThrow();
        assertEquals("model new --embed 16 --hidden 64 --layers 1 --output-dropout 0.3", f.fix());
    }

    /** A rise from 0.073 to 0.077 is within the noise of a validation loss that moves by 0.003 between passes. */
    @Test
    void aRiseWithinTheValidationNoiseIsNotOverfitting() {
        double[] val = {0.080, 0.076, 0.079, 0.074, 0.077, 0.073, 0.076, 0.077};
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= 400; s++) {
            h.add(new MetricPoint(s, 0.09 - s / 20_000.0, s % 50 == 0 ? val[s / 50 - 1] : Double.NaN, 0.002, 0.5));
        }
        assertEquals(List.of(), codes(TrainingChecks.check(h, UNIGRAM, RUN, Double.NaN, 96)));
        // The same rise in a history that barely moves is real.
        double[] smooth = {0.080, 0.079, 0.078, 0.077, 0.076, 0.073, 0.075, 0.077};
        for (int s = 50; s <= 400; s += 50) {
            MetricPoint p = h.get(s - 1);
            h.set(s - 1, new MetricPoint(p.step(), p.loss(), smooth[s / 50 - 1], p.lr(), p.gradNorm()));
        }
        assertEquals(List.of("OVERFITTING"), codes(TrainingChecks.check(h, UNIGRAM, RUN, Double.NaN, 96)));
    }

    @Test
    void tinyWeightsAndATinyHiddenStateAreNamed() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel fine = TestCorpora.smallModel(corpus, 1)) {
            assertEquals(List.of(), codes(ModelChecks.check(fine, corpus.stats().unigramEntropyBits(), List.of())));
            var tiny = fine.snapshot();
            tiny.replaceAll((name, v) -> {
                float[] out = new float[v.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (0.001 * ((i * 7919) % 1000) / 1000.0);
                }
                return out;
            });
            fine.restore(tiny);
            Finding scale = ModelChecks.check(fine, corpus.stats().unigramEntropyBits(), List.of()).stream()
                    .filter(f -> f.code() == FindingCode.INIT_SCALE).findFirst().orElseThrow();
            // A Xavier model whose weights shrank was pulled down in training: re-initialising with Xavier is no fix.
            assertEquals("train --weight-decay 0", scale.fix());
        }
        try (LstmLanguageModel small = LstmLanguageModel.create(new ModelSettings(8, List.of(2), 0f, 1),
                corpus.vocabulary(), corpus.tokenizer())) {
            Finding f = ModelChecks.check(small, corpus.stats().unigramEntropyBits(), List.of()).get(0);
            assertEquals(FindingCode.SMALL_HIDDEN, f.code());
            assertEquals("model new --embed 8 --hidden 64 --layers 1", f.fix());
        }
    }

    private static ModelSettings initialised(String init) {
        return new ModelSettings(16, List.of(32), 0f, 1, 0f, 0f, false, Init.parse(init), 0f);
    }

    /** The init is judged from the settings, not the weights, so it is still named once training has grown them. */
    @Test
    void anInitialisationFarBelowXaviersIsRemembered() {
        Corpus corpus = TestCorpora.prose();
        for (String fine : List.of("xavier", "normal:0.05")) {
            try (LstmLanguageModel model = LstmLanguageModel.create(initialised(fine), corpus.vocabulary(), corpus.tokenizer())) {
                assertTrue(ModelChecks.initFarBelowXavier(model).isEmpty(), fine);
            }
        }
        try (LstmLanguageModel model = LstmLanguageModel.create(initialised("uniform:0,0.001"), corpus.vocabulary(),
                corpus.tokenizer())) {
            var grown = model.snapshot();
            grown.replaceAll((name, v) -> {
                float[] out = new float[v.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (0.2 * Math.sin(i));
                }
                return out;
            });
            model.restore(grown);
            assertEquals(List.of(), codes(ModelChecks.check(model, corpus.stats().unigramEntropyBits(), List.of())).stream()
                    .filter("INIT_SCALE"::equals).toList());
            Finding f = ModelChecks.initFarBelowXavier(model).orElseThrow();
            assertEquals(FindingCode.INIT_SCALE, f.code());
            assertTrue(f.evidence().startsWith("the model was built with --init uniform:0,0.001: weights of RMS 0.00058"
                    + " where Xavier gives 0.20 (layer 0 w_ih), 354× smaller (limit 10×); training has since grown them"),
                    f.evidence());
            assertEquals("model new --embed 16 --hidden 32 --layers 1 --init xavier", f.fix());
        }
    }

    @Test
    void constantTailsAreFoundInTheCorpus() {
        Corpus tails = CorpusLoader.fromText("tails", ScenarioCorpora.constantTail(100, 10, 30, 1), CorpusSettings.defaults());
        Finding tail = CorpusTailCheck.check(tails).stream().filter(f -> f.name().equals("CONSTANT_TAIL")).findFirst()
                .orElseThrow();
        assertEquals(Finding.Severity.WARNING, tail.severity());
        assertTrue(tail.evidence().startsWith("100.0% of the 100 lines end in the same 30-token stretch \".\" × 30"),
                tail.evidence());
        assertEquals(List.of(), codes(CorpusTailCheck.check(TestCorpora.prose())));
    }

    @Test
    void aRuleBetweenSectionsIsALongRunButNotATail() {
        StringBuilder manual = new StringBuilder();
        for (int section = 0; section < 12; section++) {
            manual.append(EnglishLikeGenerator.generate(3_000, section)).append("\n").append("=".repeat(78)).append("\n");
        }
        Corpus corpus = CorpusLoader.fromText("manual", manual.toString(), CorpusSettings.defaults());
        List<Finding> findings = CorpusTailCheck.check(corpus);
        Finding run = findings.stream().filter(f -> f.name().equals("CONSTANT_TAIL")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.INFO, run.severity());
        assertTrue(run.evidence().startsWith("\"=\" repeats 78 times in a row inside the text, not where sequences end"
                + " (1.6% of the 733 lines end alike)"), run.evidence());
        assertEquals(List.of(), codes(findings));
    }

    @Test
    void theSharedTailReachesBackAsFarAsEveryLineAgrees() {
        Corpus corpus = CorpusLoader.fromText("t", "ab--xyz12345678\ncd--xyz12345678\nef-xyz12345678", CorpusSettings.defaults());
        int[] tail = CorpusTailCheck.sharedTail(corpus.tokens(), corpus.stats().newlineId(), corpus.stats().commonEnding(),
                corpus.stats().endingLength());
        assertEquals("-xyz12345678", corpus.tokenizer().text(corpus.vocabulary(), tail, 0, tail.length));
    }
}

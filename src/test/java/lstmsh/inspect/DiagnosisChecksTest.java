package lstmsh.inspect;

import lstmsh.CoreTest;

import lstmsh.finding.Finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.ScenarioCorpora;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.MetricPoint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

@CoreTest
class DiagnosisChecksTest {

    private static final TrainingChecks.References UNIGRAM = new TrainingChecks.References(3.1, Double.NaN, 0);

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
        assertEquals(List.of(), codes(TrainingChecks.check(healthy(), UNIGRAM)));
    }

    @Test
    void spikesAndARisingLossPointAtTheLearningRate() {
        List<MetricPoint> h = new ArrayList<>(healthy());
        for (int i : new int[] {100, 150, 200, 250}) {
            MetricPoint p = h.get(i);
            h.set(i, new MetricPoint(p.step(), p.loss() * 3, p.valLoss(), p.lr(), p.gradNorm()));
        }
        assertTrue(codes(TrainingChecks.check(h, UNIGRAM)).contains("LR_TOO_HIGH"));
        List<MetricPoint> rising = new ArrayList<>(healthy());
        for (int s = 301; s <= 340; s++) {
            rising.add(new MetricPoint(s, 2.5, Double.NaN, 0.05, 3));
        }
        Finding f = TrainingChecks.check(rising, UNIGRAM).stream().filter(x -> x.name().equals("LR_TOO_HIGH")).findFirst().orElseThrow();
        assertTrue(f.fix().contains("--lr 0.013"), f.fix());
    }

    @Test
    void aLossNearTheUnigramEntropyIsNotConverged() {
        List<MetricPoint> flat = new ArrayList<>();
        for (int s = 1; s <= 50; s++) {
            flat.add(new MetricPoint(s, 3.0, Double.NaN, 0.002, 0.1));
        }
        assertTrue(codes(TrainingChecks.check(flat, UNIGRAM)).contains("NOT_CONVERGED"));
        assertEquals("INFO", TrainingChecks.check(List.of(), UNIGRAM).get(0).severity().name());
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
        List<Finding> findings = TrainingChecks.check(flat(30, 2.12, 0.002), references);
        assertEquals(List.of("WORSE_THAN_UNIGRAM"), codes(findings));
        Finding f = findings.get(0);
        assertEquals(Finding.Severity.PROBLEM, f.severity());
        assertTrue(f.evidence().contains("2.120") && f.evidence().contains("0.750"), f.evidence());
        assertEquals("train --lr 0.02", TrainingChecks.check(flat(30, 2.12, 0.2), references).get(0).fix());
        assertEquals("train --lr 0.002", TrainingChecks.check(flat(30, 2.12, 1e-6), references).get(0).fix());
        assertEquals(List.of(), codes(TrainingChecks.check(flat(30, 0.6, 0.002), references)));
    }

    @Test
    void noBetterThanTheNgramBaselineAfterFairTrainingIsNotConverged() {
        var references = new TrainingChecks.References(3.1, 1.2, 5);
        int fair = TrainingChecks.FAIR_STEPS;
        List<Finding> behind = TrainingChecks.check(flat(fair, 1.5, 0.002), references);
        assertEquals(List.of("NOT_CONVERGED"), codes(behind));
        assertTrue(behind.get(0).evidence().contains("1.500 nats/token is no better than the n-gram baseline's 1.200"
                + " (Kneser-Ney, order 5)") && behind.get(0).evidence().contains("0.300 nats behind"), behind.get(0).evidence());
        assertEquals(List.of(), codes(TrainingChecks.check(flat(fair / 4, 1.5, 0.002), references)));
        assertEquals(List.of(), codes(TrainingChecks.check(flat(fair, 1.1, 0.002), references)));
    }

    @Test
    void validationRisingWhileTrainingFallsIsOverfitting() {
        List<MetricPoint> h = new ArrayList<>();
        for (int s = 1; s <= 400; s++) {
            double loss = 2.0 - s / 400.0;
            double val = s % 50 != 0 ? Double.NaN : s <= 150 ? 2.0 - s / 400.0 : 1.6 + (s - 150) / 200.0;
            h.add(new MetricPoint(s, loss, val, 0.002, 0.5));
        }
        assertTrue(codes(TrainingChecks.check(h, UNIGRAM)).contains("OVERFITTING"));
    }

    @Test
    void tinyWeightsAndATinyHiddenStateAreNamed() {
        Corpus corpus = TestCorpora.prose();
        try (LstmLanguageModel fine = TestCorpora.smallModel(corpus, 1)) {
            assertEquals(List.of(), codes(ModelChecks.check(fine, corpus.stats().unigramEntropyBits())));
            var tiny = fine.snapshot();
            tiny.replaceAll((name, v) -> {
                float[] out = new float[v.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (0.001 * ((i * 7919) % 1000) / 1000.0);
                }
                return out;
            });
            fine.restore(tiny);
            assertTrue(codes(ModelChecks.check(fine, corpus.stats().unigramEntropyBits())).contains("INIT_SCALE"));
        }
        try (LstmLanguageModel small = LstmLanguageModel.create(new ModelSettings(8, List.of(2), 0f, 1),
                corpus.vocabulary(), corpus.tokenizer())) {
            assertTrue(codes(ModelChecks.check(small, corpus.stats().unigramEntropyBits())).contains("SMALL_HIDDEN"));
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
        assertTrue(run.evidence().startsWith("\"=\" repeats 78 times in a row inside the text"), run.evidence());
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

package lstmsh.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;
import lstmsh.CyclingModel;
import lstmsh.corpus.Corpus;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SampleJudge;
import lstmsh.sample.SampleReport;
import lstmsh.sample.SamplingSettings;
import lstmsh.sample.TokenSink;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

@CoreTest
class LoopInspectionTest {

    static SamplingSettings greedy(int length) {
        return new SamplingSettings(length, 1.0, 0, 1.0, true, "", 1, "", SamplingSettings.UnknownPolicy.SKIP);
    }

    @Test
    void aModelBuiltToCycleIsAnAttractorWithItsPeriodAtEveryTemperature() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 30)) {
            LoopInspection.Report r = LoopInspection.of(model, greedy(120), corpus.stats(), null);
            assertEquals("abc".repeat(40), r.sample().text());
            assertEquals(3, r.loop().period());
            assertEquals(0, r.loop().start());
            assertEquals(120, r.loop().length());
            assertEquals("abc", r.unitText());
            assertTrue(r.attractor(), r.returns().toString());
            assertEquals(0, r.returns().get(0).share(), 1e-6);
            assertEquals(LoopInspection.Verdict.ATTRACTOR, r.verdict());
            assertTrue(Double.isNaN(r.escapeTemperature()));
            assertTrue(r.loopEntropyBits() < 0.01, "near-deterministic: " + r.loopEntropyBits());
            // The units that carry it are those of a, b and c, and their forget gates are shut.
            assertEquals(List.of("a", "b", "c"), r.units().subList(0, 3).stream()
                    .map(u -> model.vocabulary().token(u.unit())).sorted().toList());
            assertTrue(r.units().get(0).forget() < 0.01 && r.units().get(0).rightSaturated() == 0);
            Map<String, Double> f = r.figures();
            assertEquals(3.0, f.get("loop.period"));
            assertEquals(1.0, f.get("loop.attractor"));
            assertFalse(f.containsKey("loop.escape_temperature"));
        }
    }

    @Test
    void aLoopOnlyGreedyDecodingKeepsIsBlamedOnTheDecoding() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 2)) {
            LoopInspection.Report r = LoopInspection.of(model, greedy(300), corpus.stats(), null);
            assertEquals(3, r.loop().period());
            assertTrue(r.attractor());
            assertEquals(LoopInspection.Verdict.TOO_GREEDY, r.verdict());
            assertEquals(0.8, r.escapeTemperature(), 1e-9);
            assertEquals(0.8, r.figures().get("loop.escape_temperature"), 1e-9);
            // The same model sampled at temperature 1 leaves the loop for most seeds: that loop was chance.
            SamplingSettings warm = new SamplingSettings(300, 1.0, "", 1);
            LoopInspection.Report chance = LoopInspection.of(model, warm, corpus.stats(), null);
            assertTrue(chance.loop() == null || chance.verdict() == LoopInspection.Verdict.CHANCE, chance.verdict()::name);
        }
    }

    @Test
    void aLoopOnlyTemperaturesAboveOneLeaveIsTheModels() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 4)) {
            LoopInspection.Report r = LoopInspection.of(model, greedy(300), corpus.stats(), null);
            assertEquals(1.5, r.escapeTemperature(), 1e-9);
            assertTrue(Double.isNaN(r.escapeTopP()));
            assertEquals(LoopInspection.Verdict.ATTRACTOR, r.verdict());
        }
    }

    @Test
    void aRunOfOneTokenIsALoopOfPeriodOneWhoseWarningPointsHere() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "a"), 30)) {
            LoopInspection.Report r = LoopInspection.of(model, greedy(40), corpus.stats(), null);
            Finding run = r.sample().warnings().get(0);
            assertEquals(FindingCode.REPEAT_RUN, run.code());
            assertEquals("inspect loop", run.fix());
            assertEquals(1, r.loop().period());
            assertEquals(40, r.loop().length());
            assertTrue(r.attractor());
            assertEquals(LoopInspection.Verdict.ATTRACTOR, r.verdict());
        }
    }

    @Test
    void aWordLevelCycleIsFoundWithItsPeriod() {
        Corpus corpus = CyclingModel.words();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("the", "cat", "sat", "on"), 30)) {
            LoopInspection.Report r = LoopInspection.of(model, greedy(60), corpus.stats(), null);
            assertEquals(4, r.loop().period());
            assertEquals("the cat sat on", r.unitText().trim());
            assertTrue(r.attractor());
            assertEquals(LoopInspection.Verdict.ATTRACTOR, r.verdict());
        }
    }

    @Test
    void aSampleWithoutLoopHasNothingToExplain() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c", "d", "e", "f", "g"), 0.01f)) {
            LoopInspection.Report r = LoopInspection.of(model, new SamplingSettings(100, 1.0, "", 3), null, null);
            assertNull(r.loop());
            assertEquals(LoopInspection.Verdict.NO_LOOP, r.verdict());
            assertEquals(Map.of("loop.period", 0.0), r.figures());
        }
    }

    @Test
    void theSampleReplayedIsTheFirstThatLoopedElseTheLast() {
        Corpus corpus = CyclingModel.chars();
        try (LstmLanguageModel model = CyclingModel.of(corpus, List.of("a", "b", "c"), 30)) {
            SamplingSettings first = new SamplingSettings(5, 1.0, "", 1);
            SamplingSettings looping = greedy(60);
            SamplingSettings last = new SamplingSettings(6, 1.0, "", 2);
            List<SampleReport> reports = List.of(first, looping, last).stream()
                    .map(s -> SampleGenerator.generate(model, s, SampleJudge.of(model, corpus), TokenSink.NONE, null))
                    .toList();
            assertTrue(reports.get(1).warnings().stream().map(Finding::code).toList().contains(FindingCode.LOOP));
            assertEquals(looping, LoopInspection.toReplay(List.of(first, looping, last), reports));
            assertEquals(first, LoopInspection.toReplay(List.of(first, looping, last), reports.subList(0, 1)));
            assertNull(LoopInspection.toReplay(List.of(first), List.of()));
        }
    }
}

package lstmsh.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CoreTest;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.Vocabulary;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SampleJudge;
import lstmsh.sample.SampleReport;
import lstmsh.sample.SamplingSettings;
import lstmsh.sample.TokenSink;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@CoreTest
class LoopInspectionTest {

    /** Characters a b c and a few others; the models below cycle a → b → c → a. */
    static Corpus chars() {
        return CorpusLoader.fromText("cycle", "abcdefg\nbadge cafe\n".repeat(20), CorpusSettings.defaults());
    }

    static Corpus words() {
        return CorpusLoader.fromText("cycle", "the cat sat on a mat .\nthe dog ran .\n".repeat(20),
                CorpusSettings.defaults().withLevel("word"));
    }

    static SamplingSettings greedy(int length) {
        return new SamplingSettings(length, 1.0, 0, 1.0, true, "", 1, "", SamplingSettings.UnknownPolicy.SKIP);
    }

    /**
     * One layer whose cell holds only the current token's successor (input and output gates
     * open, forget gate shut), read out with logits {@code margin} above every other token's:
     * each token predicts its successor in {@code cycle}, every other token the cycle's first.
     * The state depends on the last token alone, so it returns exactly with the text.
     */
    static LstmLanguageModel cycling(Corpus corpus, List<String> cycle, float margin) {
        Vocabulary vocabulary = corpus.vocabulary();
        int v = vocabulary.size();
        ModelSettings settings = new ModelSettings(v, List.of(v), 0f, 1);
        Map<String, float[]> values = new HashMap<>();
        float[] embedding = new float[v * v];
        float[] output = new float[v * v];
        for (int k = 0; k < v; k++) {
            embedding[k * v + k] = 1;
            output[k * v + k] = (float) (margin / Math.tanh(Math.tanh(5)));
        }
        float[] wih = new float[4 * v * v];
        for (int k = 0; k < v; k++) {
            int at = cycle.indexOf(vocabulary.token(k));
            int next = vocabulary.id(cycle.get(at < 0 ? 0 : (at + 1) % cycle.size()));
            wih[(2 * v + next) * v + k] = 5; // candidate g of the successor's unit
        }
        float[] bih = new float[4 * v];
        for (int u = 0; u < v; u++) {
            bih[u] = 10; // input gate open
            bih[v + u] = -10; // forget gate shut
            bih[3 * v + u] = 10; // output gate open
        }
        values.put(LstmLanguageModel.EMBEDDING, embedding);
        values.put(LstmLanguageModel.layerName(0, "w_ih"), wih);
        values.put(LstmLanguageModel.layerName(0, "w_hh"), new float[4 * v * v]);
        values.put(LstmLanguageModel.layerName(0, "b_ih"), bih);
        values.put(LstmLanguageModel.layerName(0, "b_hh"), new float[4 * v]);
        values.put(LstmLanguageModel.OUTPUT_WEIGHT, output);
        values.put(LstmLanguageModel.OUTPUT_BIAS, new float[v]);
        return LstmLanguageModel.withParameters(settings, vocabulary, corpus.tokenizer(), values);
    }

    @Test
    void aModelBuiltToCycleIsAnAttractorWithItsPeriodAtEveryTemperature() {
        Corpus corpus = chars();
        try (LstmLanguageModel model = cycling(corpus, List.of("a", "b", "c"), 30)) {
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
        Corpus corpus = chars();
        try (LstmLanguageModel model = cycling(corpus, List.of("a", "b", "c"), 2)) {
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
    void aWordLevelCycleIsFoundWithItsPeriod() {
        Corpus corpus = words();
        try (LstmLanguageModel model = cycling(corpus, List.of("the", "cat", "sat", "on"), 30)) {
            LoopInspection.Report r = LoopInspection.of(model, greedy(60), corpus.stats(), null);
            assertEquals(4, r.loop().period());
            assertEquals("the cat sat on", r.unitText().trim());
            assertTrue(r.attractor());
            assertEquals(LoopInspection.Verdict.ATTRACTOR, r.verdict());
        }
    }

    @Test
    void aSampleWithoutLoopHasNothingToExplain() {
        Corpus corpus = chars();
        try (LstmLanguageModel model = cycling(corpus, List.of("a", "b", "c", "d", "e", "f", "g"), 0.01f)) {
            LoopInspection.Report r = LoopInspection.of(model, new SamplingSettings(100, 1.0, "", 3), null, null);
            assertNull(r.loop());
            assertEquals(LoopInspection.Verdict.NO_LOOP, r.verdict());
            assertEquals(Map.of("loop.period", 0.0), r.figures());
        }
    }

    @Test
    void theSampleReplayedIsTheFirstThatLoopedElseTheLast() {
        Corpus corpus = chars();
        try (LstmLanguageModel model = cycling(corpus, List.of("a", "b", "c"), 30)) {
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

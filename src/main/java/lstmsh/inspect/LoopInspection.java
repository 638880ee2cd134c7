package lstmsh.inspect;

import lstmsh.corpus.CorpusStats;
import lstmsh.engine.EngineSupport;
import lstmsh.engine.IntraOpThreads;
import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.sample.Distribution;
import lstmsh.sample.RepetitionDetector;
import lstmsh.sample.RepetitionDetector.Loop;
import lstmsh.sample.SampleGenerator;
import lstmsh.sample.SampleJudge;
import lstmsh.sample.SampleReport;
import lstmsh.sample.SamplingSettings;
import lstmsh.sample.TokenSink;
import lstmsh.train.CancelSignal;
import lstmsh.util.LstmshException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Replays a sample that looped and asks whether the model or the decoding is to blame: the
 * loop's period, whether each layer's hidden state returns to where it was one period earlier
 * (an attractor of the state, not only of the text), the model's entropy along the loop, the
 * units that swing with it and their forget gates, and the lowest temperature (and top-p) at
 * which sampling from inside the loop leaves it within the sample's length.
 */
public final class LoopInspection {

    /** A layer's state has returned when ‖h_t − h_(t−p)‖ is under this share of ‖h_t‖ at the loop's end. */
    public static final double RETURN_SHARE = 0.02;
    /** Temperatures tried from inside the loop, lowest first. */
    public static final double[] TEMPERATURES = {0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0};
    /** Top-p values tried at temperature 1, lowest first (1 is the temperature ladder's 1.0). */
    public static final double[] TOP_PS = {0.5, 0.7, 0.8, 0.9, 0.95};
    /** Draws per setting; the setting escapes when most of them do. */
    public static final int ESCAPE_DRAWS = 3;
    /** The state is compared over at least this many steps (whole periods) at the loop's end, when it is that long. */
    public static final int MIN_SPAN = 16;
    /** Units listed. */
    public static final int UNITS = 5;
    /** A forget gate above this keeps nearly all of the cell (Karpathy et al.'s right saturation). */
    public static final double SATURATED_FORGET = 0.9;

    private LoopInspection() {}

    /** What the replay says, in the user's words. */
    public enum Verdict {
        NO_LOOP("the replay did not loop: nothing to explain"),
        CHANCE("at the sample's own settings most draws leave the loop: this seed was unlucky"),
        TOO_GREEDY("the decoding is too greedy: sampling at a higher temperature, at most 1, leaves the loop"),
        ATTRACTOR("the model has an attractor at every temperature: sampling from its own distribution"
                + " (temperature 1) falls back into the loop; it needs training, not another temperature");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One layer: ‖h_t − h_(t−p)‖ at the loop's end, alone and as a share of ‖h_t‖. */
    public record LayerReturn(int layer, double distance, double share) {}

    /**
     * A unit that swings with the loop.
     *
     * @param swing standard deviation of its h along the loop
     * @param returnDistance mean |h_t − h_(t−p)|: near 0 when it repeats with the loop
     * @param forget mean forget gate along the loop
     * @param rightSaturated share of loop steps whose forget gate is above {@link #SATURATED_FORGET}
     */
    public record Unit(int layer, int unit, double swing, double returnDistance, double forget, double rightSaturated) {}

    /**
     * @param sample the replayed sample (its text, tokens and warnings)
     * @param loop the loop found in it (period 1 for a run of one token), or null
     * @param unitText the loop's unit as text, or empty
     * @param returns per layer, how far the state is from where it was one period earlier
     * @param loopEntropyBits the model's mean entropy (temperature 1) at the loop's positions
     * @param beforeEntropyBits the same before the loop began, NaN when it began at once
     * @param escapeTemperature lowest temperature at which sampling from inside the loop leaves it, NaN if none
     * @param escapeTopP lowest top-p at temperature 1 that leaves it, NaN when temperature 1 does not
     */
    public record Report(
            SamplingSettings settings,
            SampleReport sample,
            Loop loop,
            String unitText,
            List<LayerReturn> returns,
            double loopEntropyBits,
            double beforeEntropyBits,
            List<Unit> units,
            double escapeTemperature,
            double escapeTopP,
            Verdict verdict) {

        /** The state returns in every layer. */
        public boolean attractor() {
            return !returns.isEmpty() && returns.stream().allMatch(r -> r.share() < RETURN_SHARE);
        }

        /** loop.period (0 without a loop), and with a loop its other measures. */
        public Map<String, Double> figures() {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("loop.period", loop == null ? 0.0 : loop.period());
            if (loop != null) {
                f.put("loop.repeats", loop.repeats());
                f.put("loop.attractor", attractor() ? 1.0 : 0.0);
                f.put("loop.state_return", returns.stream().mapToDouble(LayerReturn::share).max().orElse(0));
                f.put("loop.entropy", loopEntropyBits);
                if (!Double.isNaN(escapeTemperature)) {
                    f.put("loop.escape_temperature", escapeTemperature);
                }
                if (!Double.isNaN(escapeTopP)) {
                    f.put("loop.escape_top_p", escapeTopP);
                }
            }
            return f;
        }
    }

    /**
     * The sample to replay of those a {@code sample} command drew: the first that raised LOOP or
     * REPEAT_RUN, else the last drawn; null when none was drawn.
     */
    public static SamplingSettings toReplay(List<SamplingSettings> samples, List<SampleReport> reports) {
        for (int i = 0; i < reports.size(); i++) {
            if (looped(reports.get(i))) {
                return samples.get(i);
            }
        }
        return reports.isEmpty() ? null : samples.get(reports.size() - 1);
    }

    private static boolean looped(SampleReport report) {
        return report.warnings().stream().map(Finding::code)
                .anyMatch(c -> c == FindingCode.LOOP || c == FindingCode.REPEAT_RUN);
    }

    /** @param corpus the corpus statistics REPEAT_RUN compares with, or null */
    public static Report of(LstmLanguageModel model, SamplingSettings settings, CorpusStats corpus, CancelSignal cancel) {
        SampleReport sample = SampleGenerator.generate(model, settings,
                SampleJudge.withStats(model.vocabulary(), model.tokenizer(), corpus), TokenSink.NONE, cancel);
        int[] tokens = sample.tokens();
        Loop loop = sample.warnings().stream().anyMatch(w -> w.code() == FindingCode.LOOP)
                ? RepetitionDetector.findLoop(tokens)
                : looped(sample) ? RepetitionDetector.longestRun(tokens) : null;
        if (loop == null) {
            return new Report(settings, sample, null, "", List.of(), Double.NaN, Double.NaN, List.of(), Double.NaN,
                    Double.NaN, Verdict.NO_LOOP);
        }
        int[] prefix = prefix(model, settings);
        long[] fed = new long[prefix.length + tokens.length];
        for (int i = 0; i < fed.length; i++) {
            fed[i] = i < prefix.length ? prefix[i] : tokens[i - prefix.length];
        }
        // The states are recomputed over the loop's last periods only (the settled part, and quick):
        // whole periods covering at least MIN_SPAN steps, and the period before them to compare with.
        int p = loop.period();
        int span = Math.min(loop.length() - p, p * Math.max(1, (MIN_SPAN + p - 1) / p));
        int first = loop.end() - span - p;
        double[] entropy;
        List<LstmProbe.LayerTrace> window;
        EngineSupport.ops().setGradMode(false);
        try (IntraOpThreads threads = IntraOpThreads.limit(1);
                NDManager scope = model.manager().newSubManager()) {
            LstmLanguageModel.Output all = model.forward(scope.create(fed, new Shape(1, fed.length)), null, false);
            NDArray logp = all.logits().logSoftmax(-1);
            float[] nats = logp.exp().mul(logp).sum(new int[] {-1}).neg().toFloatArray();
            entropy = new double[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                // Generated token t was drawn from the prediction after fed position prefix.length - 1 + t.
                entropy[t] = Math.max(0, nats[prefix.length - 1 + t]) / Math.log(2);
            }
            int before = prefix.length + first;
            LstmLanguageModel.Output head = model.forward(
                    scope.create(Arrays.copyOf(fed, before), new Shape(1, before)), null, false);
            int[] stretch = Arrays.stream(Arrays.copyOfRange(fed, before, prefix.length + loop.end()))
                    .mapToInt(v -> (int) v).toArray();
            window = LstmProbe.traceFrom(model, head.state(), stretch);
        }
        double loopEntropy = mean(entropy, loop.start(), loop.end());
        double beforeEntropy = loop.start() == 0 ? Double.NaN : mean(entropy, 0, loop.start());
        List<LayerReturn> returns = returns(window, p);
        List<Unit> units = units(window, p);
        double escapeTemperature;
        double escapeTopP;
        Verdict verdict;
        try (Escape escape = new Escape(model, settings, corpus, tokens, loop, cancel)) {
            escapeTemperature = escape.lowestTemperature();
            escapeTopP = escapeTemperature <= 1.0 ? escape.lowestTopP() : Double.NaN;
            // Temperature 1 is the model's own distribution: a loop it keeps is the model's, not the draw's.
            if (Double.isNaN(escapeTemperature) || escapeTemperature > 1.0) {
                verdict = Verdict.ATTRACTOR;
            } else if (!settings.greedy() && escape.escapes(settings)) {
                verdict = Verdict.CHANCE;
            } else {
                verdict = Verdict.TOO_GREEDY;
            }
        }
        String unitText = model.tokenizer().text(model.vocabulary(), tokens, loop.start(), loop.start() + loop.period());
        return new Report(settings, sample, loop, unitText, returns, loopEntropy, beforeEntropy, units,
                escapeTemperature, escapeTopP, verdict);
    }

    /** What generation feeds before its first draw: the prime, or a newline (token 0 without one). */
    private static int[] prefix(LstmLanguageModel model, SamplingSettings settings) {
        List<Integer> prime = SampleGenerator.prime(model, settings).ids();
        if (!prime.isEmpty()) {
            return prime.stream().mapToInt(Integer::intValue).toArray();
        }
        int newline = model.vocabulary().id("\n");
        return new int[] {newline >= 0 ? newline : 0};
    }

    /** Per layer, ‖h_t − h_(t−p)‖ over the window after its first period. */
    private static List<LayerReturn> returns(List<LstmProbe.LayerTrace> window, int p) {
        List<LayerReturn> out = new ArrayList<>();
        for (int l = 0; l < window.size(); l++) {
            float[][] h = window.get(l).h();
            double distance = 0;
            double norm = 0;
            for (int t = p; t < h.length; t++) {
                distance += Vectors.distance(h[t], h[t - p]);
                norm += Vectors.norm(h[t]);
            }
            out.add(new LayerReturn(l, distance / (h.length - p), norm == 0 ? 0 : distance / norm));
        }
        return out;
    }

    /**
     * The units whose h swings most over the window after its first period; their return
     * distance says whether they repeat with the loop or drift.
     */
    private static List<Unit> units(List<LstmProbe.LayerTrace> window, int p) {
        List<Unit> all = new ArrayList<>();
        for (int l = 0; l < window.size(); l++) {
            LstmProbe.LayerTrace layer = window.get(l);
            int steps = layer.steps() - p;
            for (int u = 0; u < layer.hidden(); u++) {
                double sum = 0;
                double squares = 0;
                double back = 0;
                double forget = 0;
                int saturated = 0;
                for (int t = p; t < layer.steps(); t++) {
                    double v = layer.h()[t][u];
                    sum += v;
                    squares += v * v;
                    back += Math.abs(v - layer.h()[t - p][u]);
                    double f = layer.forget()[t][u];
                    forget += f;
                    if (f > SATURATED_FORGET) {
                        saturated++;
                    }
                }
                double mean = sum / steps;
                double swing = Math.sqrt(Math.max(0, squares / steps - mean * mean));
                all.add(new Unit(l, u, swing, back / steps, forget / steps, (double) saturated / steps));
            }
        }
        all.sort(Comparator.comparingDouble((Unit u) -> -u.swing())
                .thenComparingInt(Unit::layer).thenComparingInt(Unit::unit));
        return List.copyOf(all.subList(0, Math.min(UNITS, all.size())));
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    /**
     * Sampling from inside the loop: from the state one period into it, the rest of the sample's
     * length (at least the loop's) is drawn again, {@link #ESCAPE_DRAWS} draws at once as one
     * batch; a draw escapes when its text raises neither LOOP nor REPEAT_RUN.
     */
    private static final class Escape implements AutoCloseable {

        private final LstmLanguageModel model;
        private final SamplingSettings settings;
        private final CorpusStats corpus;
        private final int remaining;
        private final CancelSignal cancel;
        private final NDManager scope;
        private final IntraOpThreads threads;
        /** The state after the prefix and one period of the loop, batch 1. */
        private final LstmState inside;
        private final float[] insideLogits;

        Escape(LstmLanguageModel model, SamplingSettings settings, CorpusStats corpus, int[] tokens, Loop loop,
                CancelSignal cancel) {
            this.model = model;
            this.settings = settings;
            this.corpus = corpus;
            this.cancel = cancel;
            int entered = loop.start() + loop.period();
            int[] head = LoopInspection.prefix(model, settings);
            long[] fed = new long[head.length + entered];
            for (int i = 0; i < fed.length; i++) {
                fed[i] = i < head.length ? head[i] : tokens[i - head.length];
            }
            remaining = Math.max(tokens.length - entered, loop.length());
            EngineSupport.ops().setGradMode(false);
            scope = model.manager().newSubManager();
            threads = IntraOpThreads.limit(1);
            try (NDManager step = scope.newSubManager()) {
                LstmLanguageModel.Output out = model.forward(step.create(fed, new Shape(1, fed.length)), null, false);
                float[] all = out.logits().toFloatArray();
                insideLogits = Arrays.copyOfRange(all, all.length - model.vocabulary().size(), all.length);
                inside = out.state().detachInto(scope);
            }
        }

        double lowestTemperature() {
            for (double t : TEMPERATURES) {
                if (escapes(draw(t, 1.0))) {
                    return t;
                }
            }
            return Double.NaN;
        }

        double lowestTopP() {
            for (double p : TOP_PS) {
                if (escapes(draw(1.0, p))) {
                    return p;
                }
            }
            return 1.0;
        }

        /** The sample's settings, drawn at {@code temperature} with {@code topP} and no top-k. */
        private SamplingSettings draw(double temperature, double topP) {
            return new SamplingSettings(settings.length(), temperature, 0, topP, false, settings.prime(), settings.seed(),
                    "", settings.onUnknown());
        }

        /** Most of the draws (seeds seed, seed + 1, ...) leave the loop. */
        boolean escapes(SamplingSettings draw) {
            int n = ESCAPE_DRAWS;
            int vocabulary = model.vocabulary().size();
            SplittableRandom[] random = new SplittableRandom[n];
            float[][] logits = new float[n][];
            for (int b = 0; b < n; b++) {
                random[b] = new SplittableRandom(settings.seed() + b);
                logits[b] = insideLogits;
            }
            int[][] drawn = new int[n][remaining];
            try (NDManager run = scope.newSubManager()) {
                LstmState state = repeated(run, n);
                for (int i = 0; i < remaining; i++) {
                    if (cancel != null && cancel.isCancelled()) {
                        throw new LstmshException("inspect loop was stopped by Ctrl-C");
                    }
                    long[] next = new long[n];
                    for (int b = 0; b < n; b++) {
                        drawn[b][i] = Distribution.of(logits[b], draw.temperature())
                                .truncated(draw.topK(), draw.topP()).draw(random[b]);
                        next[b] = drawn[b][i];
                    }
                    if (i + 1 == remaining) {
                        break;
                    }
                    try (NDManager step = run.newSubManager()) {
                        state.attach(step);
                        LstmLanguageModel.Output out = model.forward(step.create(next, new Shape(n, 1)), state, false);
                        float[] flat = out.logits().toFloatArray();
                        for (int b = 0; b < n; b++) {
                            logits[b] = Arrays.copyOfRange(flat, b * vocabulary, (b + 1) * vocabulary);
                        }
                        state = out.state().detachInto(run);
                    }
                }
            }
            int left = 0;
            for (int[] d : drawn) {
                if (RepetitionDetector.check(d, model.vocabulary(), model.tokenizer(), corpus).isEmpty()) {
                    left++;
                }
            }
            return left > n / 2;
        }

        /** The state inside the loop, once per draw of the batch. */
        private LstmState repeated(NDManager target, int batch) {
            List<NDArray> h = new ArrayList<>();
            List<NDArray> c = new ArrayList<>();
            for (int l = 0; l < inside.layers(); l++) {
                NDArray hl = inside.h().get(l).repeat(1, batch);
                hl.attach(target);
                h.add(hl);
                NDArray cl = inside.c().get(l).repeat(1, batch);
                cl.attach(target);
                c.add(cl);
            }
            return new LstmState(h, c);
        }

        @Override
        public void close() {
            scope.close();
            threads.close();
        }
    }
}

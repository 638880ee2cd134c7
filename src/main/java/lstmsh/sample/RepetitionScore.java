package lstmsh.sample;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Tokens;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.CancelSignal;
import lstmsh.util.LstmshException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much the model repeats, measured as Welleck et al. do for unlikelihood training: with the
 * model reading real text (teacher-forced), rep/ℓ is the share of positions whose prediction
 * (the most likely next token) is one of the previous ℓ tokens, and wrep/ℓ the share where it
 * is and is also wrong; beside them, the same rate for the text itself (its next token among
 * the previous ℓ). Samples are measured by seq-rep-4, the share of their 4-grams that repeat
 * one earlier in the same sample, beside the text's own over windows of the same length.
 */
public final class RepetitionScore {

    /** The ℓ of rep/ℓ and wrep/ℓ. */
    public static final int[] WINDOWS = {16, 32, 128};
    /** The n of seq-rep-n. */
    public static final int SEQ_REP_N = 4;
    /** Tokens of each sample drawn for seq-rep-4. */
    public static final int SAMPLE_LENGTH = 200;

    /** Tokens measured by default: a few seconds at the prompt. */
    public static final int DEFAULT_TOKENS = 20_000;

    private RepetitionScore() {}

    /**
     * The text measured, as token ids.
     *
     * @param source how the report names it: "the validation text" or "the text"
     * @param skipped its tokens the vocabulary lacks
     */
    public record Text(int[] ids, String source, List<String> skipped) {}

    /**
     * {@code text} split into the model's tokens, else the corpus' validation split; at most
     * {@code limit} tokens, from the start.
     *
     * @param text the text to measure, or null for the corpus'
     * @param corpus the loaded corpus, or null
     */
    public static Text text(LstmLanguageModel model, Corpus corpus, String text, SamplingSettings.UnknownPolicy policy,
            int limit) {
        if (text != null) {
            KnownTokens known = KnownTokens.of(model, text, policy, "the text");
            if (known.ids().isEmpty()) {
                throw new LstmshException("nothing to measure: no token of the text is in the vocabulary");
            }
            int[] ids = known.ids().stream().mapToInt(Integer::intValue).limit(limit).toArray();
            return new Text(ids, "the text", known.skipped());
        }
        if (corpus == null) {
            throw new LstmshException("no corpus loaded to take validation text from; run 'corpus load PATH',"
                    + " or give TEXT or --file PATH");
        }
        if (!corpus.vocabulary().equals(model.vocabulary())) {
            throw new LstmshException("the loaded corpus has another vocabulary than the model; load the model's"
                    + " corpus, or give TEXT or --file PATH");
        }
        Tokens validation = corpus.validation();
        if (validation.size() == 0) {
            throw new LstmshException("the corpus has no validation text; reload it with a validation share"
                    + " (corpus load PATH --val-fraction 0.1), or give TEXT or --file PATH");
        }
        return new Text(validation.slice(0, Math.min(limit, validation.size())).toArray(), "the validation text",
                List.of());
    }

    /**
     * Repeat rates over the previous {@code length} tokens.
     *
     * @param rep share of positions whose prediction is among the previous tokens
     * @param wrep share whose prediction is among them and is not the next token
     * @param textRep share whose next token is among them
     */
    public record Window(int length, double rep, double wrep, double textRep) {}

    /** seq-rep-4 of a sample drawn at {@code temperature}. */
    public record SampleRepetition(double temperature, double seqRep, int tokens) {}

    /**
     * @param tokens positions scored
     * @param loss the model's loss on them, nats per token
     * @param textSeqRep seq-rep-4 of the text, mean over its windows of {@link #SAMPLE_LENGTH} tokens
     */
    public record Report(
            int tokens,
            double loss,
            List<Window> windows,
            double textSeqRep,
            List<SampleRepetition> samples,
            boolean cancelled) {

        /** The rates over the previous {@code length} tokens, one of {@link #WINDOWS}. */
        public Window at(int length) {
            return windows.stream().filter(w -> w.length() == length).findFirst().orElseThrow();
        }

        /** score.rep16, score.wrep16, score.text_rep16, ... per ℓ; score.seq_rep4 (the last temperature's), score.text_seq_rep4. */
        public Map<String, Double> figures() {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("score.tokens", (double) tokens);
            f.put("score.loss", loss);
            f.put("score.rep16", at(16).rep());
            f.put("score.wrep16", at(16).wrep());
            f.put("score.text_rep16", at(16).textRep());
            f.put("score.rep32", at(32).rep());
            f.put("score.wrep32", at(32).wrep());
            f.put("score.text_rep32", at(32).textRep());
            f.put("score.rep128", at(128).rep());
            f.put("score.wrep128", at(128).wrep());
            f.put("score.text_rep128", at(128).textRep());
            if (!Double.isNaN(textSeqRep)) {
                f.put("score.text_seq_rep4", textSeqRep);
            }
            if (!samples.isEmpty() && !Double.isNaN(samples.get(samples.size() - 1).seqRep())) {
                f.put("score.seq_rep4", samples.get(samples.size() - 1).seqRep());
            }
            return f;
        }
    }

    /**
     * Scores {@code ids} teacher-forced, then samples {@link #SAMPLE_LENGTH} tokens at each temperature
     * (seed 1, from a newline).
     *
     * @param corpus statistics for judging the samples, or null
     */
    public static Report of(LstmLanguageModel model, int[] ids, List<Double> temperatures, CorpusStats corpus,
            CancelSignal cancel) {
        Scorer.ScoreReport scored = Scorer.score(model, ids, List.of(), cancel);
        int n = scored.size();
        int[] text = Arrays.copyOf(ids, n);
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = scored.at(i).alternatives()[0];
        }
        List<Window> windows = new ArrayList<>();
        for (int length : WINDOWS) {
            windows.add(window(text, predicted, length));
        }
        List<SampleRepetition> samples = new ArrayList<>();
        for (double t : temperatures) {
            if (cancel != null && cancel.isCancelled()) {
                break;
            }
            SampleReport sample = SampleGenerator.generate(model, new SamplingSettings(SAMPLE_LENGTH, t, "", 1),
                    SampleJudge.withStats(model.vocabulary(), model.tokenizer(), corpus), TokenSink.NONE, cancel);
            samples.add(new SampleRepetition(t, seqRep(sample.tokens(), SEQ_REP_N), sample.tokens().length));
        }
        return new Report(n, scored.meanNats(), windows, textSeqRep(text), samples, scored.cancelled());
    }

    /**
     * rep/ℓ, wrep/ℓ and the text's own rate; position t looks back at tokens max(0, t − ℓ) .. t − 1,
     * and every position counts (the first has nothing before it, so never repeats).
     *
     * @param predicted at each position, the model's most likely next token
     */
    public static Window window(int[] text, int[] predicted, int length) {
        Map<Integer, Integer> lastSeen = new HashMap<>();
        int rep = 0;
        int wrep = 0;
        int textRep = 0;
        for (int t = 0; t < text.length; t++) {
            if (seenWithin(lastSeen, predicted[t], t, length)) {
                rep++;
                if (predicted[t] != text[t]) {
                    wrep++;
                }
            }
            if (seenWithin(lastSeen, text[t], t, length)) {
                textRep++;
            }
            lastSeen.put(text[t], t);
        }
        double n = text.length;
        return new Window(length, rep / n, wrep / n, textRep / n);
    }

    private static boolean seenWithin(Map<Integer, Integer> lastSeen, int token, int t, int length) {
        Integer at = lastSeen.get(token);
        return at != null && at >= t - length;
    }

    /** 1 − distinct n-grams / n-grams: the share of n-grams that repeat an earlier one; NaN with no n-gram. */
    public static double seqRep(int[] tokens, int n) {
        int count = tokens.length - n + 1;
        if (count <= 0) {
            return Double.NaN;
        }
        Set<List<Integer>> distinct = new HashSet<>();
        for (int i = 0; i < count; i++) {
            distinct.add(Arrays.stream(tokens, i, i + n).boxed().toList());
        }
        return 1 - (double) distinct.size() / count;
    }

    /** seq-rep-4 of the text, mean over its whole windows of {@link #SAMPLE_LENGTH} tokens; NaN when shorter. */
    static double textSeqRep(int[] text) {
        int windows = text.length / SAMPLE_LENGTH;
        if (windows == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int w = 0; w < windows; w++) {
            sum += seqRep(Arrays.copyOfRange(text, w * SAMPLE_LENGTH, (w + 1) * SAMPLE_LENGTH), SEQ_REP_N);
        }
        return sum / windows;
    }
}

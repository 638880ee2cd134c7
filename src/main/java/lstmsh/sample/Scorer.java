package lstmsh.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.engine.EngineSupport;
import lstmsh.engine.IntraOpThreads;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.LstmState;
import lstmsh.train.CancelSignal;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How surprised the model is by a given text, token by token: the first token is predicted
 * after a newline (as sampling starts), every later one after the text before it. The text
 * runs through the fused forward in chunks with the state carried, so scoring is linear.
 */
public final class Scorer {

    /** Tokens per forward call. */
    static final int CHUNK = 256;
    /** Alternatives listed per position. */
    public static final int ALTERNATIVES = 3;
    /** Files larger than this are refused. */
    public static final int MAX_FILE_BYTES = 10 << 20;

    private Scorer() {}

    /** One position: the true token, its surprisal and rank, and the model's top alternatives. */
    public record TokenScore(
            int position, int token, double surprisalBits, int rank, int[] alternatives, double[] probabilities) {}

    /**
     * @param tokens scored token ids
     * @param pieces each scored token's text as it joins the one before (words with their spaces)
     * @param skipped tokens of the text the vocabulary lacks
     * @param startToken the token fed before the first, whose prediction the first is scored against
     */
    public record ScoreReport(
            int[] tokens,
            List<String> pieces,
            double[] surprisalBits,
            int[] ranks,
            int[] alternatives,
            double[] probabilities,
            List<String> skipped,
            int startToken,
            boolean cancelled) {

        public int size() {
            return surprisalBits.length;
        }

        public TokenScore at(int i) {
            return new TokenScore(i, tokens[i], surprisalBits[i], ranks[i],
                    Arrays.copyOfRange(alternatives, i * ALTERNATIVES, (i + 1) * ALTERNATIVES),
                    Arrays.copyOfRange(probabilities, i * ALTERNATIVES, (i + 1) * ALTERNATIVES));
        }

        /** Total loss over the scored tokens, in nats. */
        public double totalNats() {
            double sum = 0;
            for (double b : surprisalBits) {
                sum += b;
            }
            return sum * Math.log(2);
        }

        /** Mean loss in nats per token: what training reports. */
        public double meanNats() {
            return totalNats() / size();
        }

        public double bitsPerToken() {
            return meanNats() / Math.log(2);
        }

        public double perplexity() {
            return Math.exp(meanNats());
        }

        /** The named figures for {@code expect}: score.tokens, score.loss, score.bits, score.perplexity. */
        public Map<String, Double> figures() {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("score.tokens", (double) size());
            f.put("score.loss", meanNats());
            f.put("score.bits", bitsPerToken());
            f.put("score.perplexity", perplexity());
            return f;
        }

        /** Positions of the {@code k} highest surprisals, most surprising first. */
        public int[] mostSurprising(int k) {
            Integer[] order = new Integer[size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -surprisalBits[i]).thenComparingInt(i -> i));
            int[] out = new int[Math.min(k, order.length)];
            for (int i = 0; i < out.length; i++) {
                out[i] = order[i];
            }
            return out;
        }
    }

    /**
     * The text to score: {@code text} as given, or the content of {@code file} (UTF-8, at most
     * {@link #MAX_FILE_BYTES}); exactly one of them.
     */
    public static String input(String text, Path file) {
        if ((text == null) == (file == null)) {
            throw new LstmshException("give either TEXT or --file PATH (e.g. score \"Once upon a time\")");
        }
        return file == null ? text : read(file);
    }

    private static String read(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new LstmshException("no such file: " + path);
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new LstmshException(path + " is over " + (MAX_FILE_BYTES >> 20) + " MB; score a part of it");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new LstmshException(path + " is not valid UTF-8; convert it first");
        } catch (IOException e) {
            throw new LstmshException("cannot read " + path + ": " + FileErrors.reason(e));
        }
    }

    public static ScoreReport score(
            LstmLanguageModel model, String text, SamplingSettings.UnknownPolicy onUnknown, CancelSignal cancel) {
        KnownTokens known = KnownTokens.of(model, text, onUnknown, "the text");
        if (known.ids().isEmpty()) {
            throw new LstmshException(known.skipped().isEmpty()
                    ? "nothing to score: the text is empty"
                    : "nothing to score: no token of the text is in the vocabulary (" + KnownTokens.names(known.skipped()) + ")");
        }
        return score(model, known.ids().stream().mapToInt(Integer::intValue).toArray(), known.skipped(), cancel);
    }

    /**
     * Scores token ids (the corpus' own, or a text already split).
     *
     * @param skipped tokens of the text the vocabulary lacks, reported with the scores
     */
    public static ScoreReport score(LstmLanguageModel model, int[] ids, List<String> skipped, CancelSignal cancel) {
        if (ids.length == 0) {
            throw new LstmshException("nothing to score: no tokens");
        }
        EngineSupport.ops().setGradMode(false);
        int n = ids.length;
        int vocabulary = model.vocabulary().size();
        int newline = model.vocabulary().id("\n");
        int startToken = newline >= 0 ? newline : 0;
        long[] inputs = new long[n];
        int[] targets = new int[n];
        inputs[0] = startToken;
        for (int i = 0; i < n; i++) {
            targets[i] = ids[i];
            if (i + 1 < n) {
                inputs[i + 1] = targets[i];
            }
        }
        double[] surprisal = new double[n];
        int[] ranks = new int[n];
        int[] alternatives = new int[n * ALTERNATIVES];
        double[] probabilities = new double[n * ALTERNATIVES];
        Arrays.fill(alternatives, -1);
        int done = 0;
        boolean cancelled = false;
        try (IntraOpThreads threads = IntraOpThreads.limit(1);
                NDManager scope = model.manager().newSubManager()) {
            LstmState state = null;
            while (done < n) {
                if (cancel != null && cancel.isCancelled()) {
                    cancelled = true;
                    break;
                }
                int len = Math.min(CHUNK, n - done);
                float[] logits;
                try (NDManager step = scope.newSubManager()) {
                    NDArray x = step.create(Arrays.copyOfRange(inputs, done, done + len), new Shape(1, len));
                    if (state != null) {
                        state.attach(step);
                    }
                    LstmLanguageModel.Output out = model.forward(x, state, false);
                    logits = out.logits().toFloatArray();
                    state = out.state().detachInto(scope);
                }
                for (int k = 0; k < len; k++) {
                    int i = done + k;
                    scorePosition(logits, k * vocabulary, vocabulary, targets[i], i, surprisal, ranks, alternatives,
                            probabilities);
                }
                done += len;
            }
        }
        if (done == 0) {
            throw new LstmshException("scoring was cancelled before the first token");
        }
        int[] scored = Arrays.copyOf(targets, done);
        return new ScoreReport(scored, model.tokenizer().pieces(model.vocabulary(), scored),
                Arrays.copyOf(surprisal, done), Arrays.copyOf(ranks, done),
                Arrays.copyOf(alternatives, done * ALTERNATIVES), Arrays.copyOf(probabilities, done * ALTERNATIVES),
                List.copyOf(skipped), startToken, cancelled);
    }

    private static void scorePosition(float[] logits, int from, int size, int target, int i, double[] surprisal,
            int[] ranks, int[] alternatives, double[] probabilities) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
            max = Math.max(max, logits[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < size; j++) {
            sum += Math.exp(logits[from + j] - max);
        }
        double logSum = max + Math.log(sum);
        float truth = logits[from + target];
        surprisal[i] = (logSum - truth) / Math.log(2);
        int above = 0;
        // The top alternatives by a small insertion, largest first, ties by id.
        int[] best = new int[ALTERNATIVES];
        Arrays.fill(best, -1);
        for (int j = 0; j < size; j++) {
            float l = logits[from + j];
            if (l > truth) {
                above++;
            }
            int slot = ALTERNATIVES;
            while (slot > 0 && (best[slot - 1] < 0 || l > logits[from + best[slot - 1]])) {
                slot--;
            }
            if (slot < ALTERNATIVES) {
                System.arraycopy(best, slot, best, slot + 1, ALTERNATIVES - slot - 1);
                best[slot] = j;
            }
        }
        ranks[i] = above + 1;
        for (int k = 0; k < ALTERNATIVES; k++) {
            alternatives[i * ALTERNATIVES + k] = best[k];
            probabilities[i * ALTERNATIVES + k] = best[k] < 0 ? 0 : Math.exp(logits[from + best[k]] - logSum);
        }
    }
}

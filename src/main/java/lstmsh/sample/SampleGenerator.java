package lstmsh.sample;

import lstmsh.util.LstmshException;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.CancelSignal;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Generates text token by token, streaming it, then measures what came out. */
public final class SampleGenerator {

    /** How each step is computed: matrix ops on weights prepared once, or the fused LSTM op. */
    public enum StepPath {
        PREPARED,
        FUSED
    }

    /** The prime as the vocabulary sees it: the ids fed, the text they make, the tokens skipped. */
    public record Prime(List<Integer> ids, String text, List<String> skipped) {}

    private SampleGenerator() {}

    /**
     * Splits the prime into tokens; tokens the vocabulary lacks are skipped, or refused with
     * {@code --on-unknown stop}.
     */
    public static Prime prime(LstmLanguageModel model, SamplingSettings settings) {
        KnownTokens known = KnownTokens.of(model, settings.prime(), settings.onUnknown(), "the prime");
        return new Prime(known.ids(), model.tokenizer().join(known.kept()), known.skipped());
    }

    /** As before the judge existed: structural checks plus those needing only the corpus' statistics. */
    public static SampleReport generate(
            LstmLanguageModel model,
            SamplingSettings settings,
            CorpusStats corpus,
            Consumer<String> sink,
            CancelSignal cancel) {
        return generate(model, settings, SampleJudge.withStats(model.vocabulary(), model.tokenizer(), corpus),
                (piece, token, bits) -> sink.accept(piece), cancel);
    }

    public static SampleReport generate(
            LstmLanguageModel model,
            SamplingSettings settings,
            SampleJudge judge,
            TokenSink sink,
            CancelSignal cancel) {
        return generate(model, settings, judge, sink, cancel, StepPath.PREPARED);
    }

    /**
     * @param judge measures the sample and raises warnings; null judges without a corpus
     * @param sink receives the text as it is generated
     */
    public static SampleReport generate(
            LstmLanguageModel model,
            SamplingSettings settings,
            SampleJudge judge,
            TokenSink sink,
            CancelSignal cancel,
            StepPath path) {
        Vocabulary vocabulary = model.vocabulary();
        if (judge == null) {
            judge = SampleJudge.withStats(vocabulary, model.tokenizer(), null);
        }
        Prime prime = prime(model, settings);
        SplittableRandom random = new SplittableRandom(settings.seed());
        int length = settings.length();
        int[] generated = new int[length];
        double[] entropy = new double[length];
        double[] modelEntropy = new double[length];
        double[] surprisal = new double[length];
        StringBuilder text = new StringBuilder();
        String stop = settings.stop();
        String stoppedAt = "";
        int count = 0;
        long start;
        try (Stepper stepper = path == StepPath.FUSED ? new FusedStepper(model) : new PreparedStepper(model)) {
            float[] logits = null;
            if (prime.ids().isEmpty()) {
                // No prime: start as if after a newline when there is one, else from token 0.
                int newline = vocabulary.id("\n");
                logits = stepper.feed(newline >= 0 ? newline : 0);
            } else {
                for (int id : prime.ids()) {
                    logits = stepper.feed(id);
                }
            }
            start = System.nanoTime();
            String previous = prime.ids().isEmpty() ? null : vocabulary.token(prime.ids().get(prime.ids().size() - 1));
            double temperature = settings.greedy() ? 1.0 : settings.temperature();
            while (count < length) {
                if (cancel != null && cancel.isCancelled()) {
                    break;
                }
                Distribution atT = Distribution.of(logits, temperature);
                Distribution at1 = temperature == 1.0 ? atT : Distribution.of(logits, 1.0);
                int next = settings.greedy() ? at1.argmax() : atT.truncated(settings.topK(), settings.topP()).draw(random);
                entropy[count] = atT.entropyBits();
                modelEntropy[count] = at1.entropyBits();
                surprisal[count] = at1.surprisalBits(next);
                generated[count] = next;
                String token = vocabulary.token(next);
                String piece = previous == null ? token : model.tokenizer().joinNext(previous, token);
                int before = text.length();
                text.append(piece);
                sink.accept(piece, next, surprisal[count]);
                previous = token;
                count++;
                if (!stop.isEmpty() && text.indexOf(stop, Math.max(0, before - stop.length() + 1)) >= 0) {
                    stoppedAt = stop;
                    break;
                }
                if (count < length) {
                    logits = stepper.feed(next);
                }
            }
        }
        if (count == 0) {
            throw new LstmshException("sampling was cancelled before the first token");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] tokens = Arrays.copyOf(generated, count);
        SampleMetrics metrics = judge.measure(tokens, entropy, modelEntropy, surprisal);
        return new SampleReport(
                text.toString(),
                tokens,
                metrics.meanEntropyBits(),
                metrics.minEntropyBits(),
                count / seconds,
                prime.skipped(),
                judge.warnings(tokens, metrics),
                metrics,
                Arrays.copyOf(surprisal, count),
                settings.describeDraw(),
                stoppedAt);
    }
}

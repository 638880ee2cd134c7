package lstmsh.sample;

import lstmsh.LstmshException;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.CancelSignal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Generates text token by token, streaming it, then measures what came out. */
public final class SampleGenerator {

    private SampleGenerator() {}

    /**
     * @param corpus statistics of the corpus the model learned, or null when none is loaded
     * @param sink receives the text as it is generated
     */
    public static SampleReport generate(
            LstmLanguageModel model,
            SamplingSettings settings,
            CorpusStats corpus,
            Consumer<String> sink,
            CancelSignal cancel) {
        Vocabulary vocabulary = model.vocabulary();
        List<String> skipped = new ArrayList<>();
        List<Integer> primeIds = new ArrayList<>();
        for (String token : model.tokenizer().split(settings.prime())) {
            int id = vocabulary.id(token);
            if (id < 0) {
                skipped.add(token);
            } else {
                primeIds.add(id);
            }
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] generated = new int[settings.length()];
        StringBuilder text = new StringBuilder();
        double entropySum = 0;
        double entropyMin = Double.POSITIVE_INFINITY;
        int count = 0;
        long start = System.nanoTime();
        try (Stepper stepper = new PreparedStepper(model)) {
            float[] logits;
            if (primeIds.isEmpty()) {
                // No prime: start as if after a newline when there is one, else from token 0.
                int newline = vocabulary.id("\n");
                logits = stepper.feed(newline >= 0 ? newline : 0);
            } else {
                logits = null;
                for (int id : primeIds) {
                    logits = stepper.feed(id);
                }
            }
            String previous = primeIds.isEmpty() ? null : vocabulary.token(primeIds.get(primeIds.size() - 1));
            for (; count < settings.length(); count++) {
                if (cancel != null && cancel.isCancelled()) {
                    break;
                }
                Distribution d = Distribution.of(logits, settings.temperature());
                int next = d.draw(random);
                entropySum += d.entropyBits();
                entropyMin = Math.min(entropyMin, d.entropyBits());
                generated[count] = next;
                String token = vocabulary.token(next);
                String piece = previous == null ? token : model.tokenizer().joinNext(previous, token);
                text.append(piece);
                sink.accept(piece);
                previous = token;
                if (count + 1 < settings.length()) {
                    logits = stepper.feed(next);
                }
            }
        }
        if (count == 0) {
            throw new LstmshException("sampling was cancelled before the first token");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] tokens = java.util.Arrays.copyOf(generated, count);
        return new SampleReport(
                text.toString(),
                tokens,
                entropySum / count,
                entropyMin,
                count / seconds,
                skipped,
                RepetitionDetector.check(tokens, vocabulary, corpus));
    }
}

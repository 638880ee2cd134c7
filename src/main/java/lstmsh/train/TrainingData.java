package lstmsh.train;

import lstmsh.util.LstmshException;
import lstmsh.corpus.BatchStream;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.LineSequences;
import lstmsh.corpus.Tokens;

/**
 * What a run reads: training batches, validation batches (null when there is too little
 * held-out text) and the training tokens' counts, for class weights.
 */
public record TrainingData(Batches train, Batches validation, long[] counts) {

    /** Batches for {@code corpus} as its split says, shaped by the run's settings. */
    public static TrainingData of(Corpus corpus, TrainSettings settings) {
        int vocabulary = corpus.vocabulary().size();
        long[] counts = ClassWeights.count(corpus.train(), vocabulary);
        if (corpus.settings().split() == CorpusSettings.Split.LINES) {
            int newline = corpus.vocabulary().id("\n");
            if (newline < 0) {
                throw new LstmshException(corpus.source()
                        + " has no line breaks, so --split lines has nothing to split; load it with --split stream");
            }
            boolean hasValidation = corpus.validation().size() > 0;
            LineSequences train = LineSequences.of(corpus.train(), newline, settings.seq(), false, hasValidation);
            if (train.size() == 0) {
                throw new LstmshException("the training part of " + corpus.source()
                        + " holds no complete line; lower --val-fraction");
            }
            LineSequences val = hasValidation
                    ? LineSequences.of(corpus.validation(), newline, settings.seq(), true, false)
                    : null;
            return new TrainingData(
                    new LineBatches(train, settings.batch(), true),
                    val == null || val.size() == 0 ? null : new LineBatches(val, settings.batch(), false),
                    counts);
        }
        Tokens train = corpus.train();
        StreamBatches batches = new StreamBatches(train, settings.batch(), settings.seq());
        if (batches.perEpoch() == 0) {
            throw new LstmshException("the training part of the corpus has " + train.size()
                    + " tokens, too few for --batch " + settings.batch() + " × --seq " + settings.seq()
                    + " (needs " + BatchStream.minimumTokens(settings.batch(), settings.seq())
                    + "); lower --batch or --seq");
        }
        return new TrainingData(batches, validationStream(corpus.validation(), settings.batch(), settings.seq()), counts);
    }

    /** Validation windows of the stream, fewer lanes when the held-out text is short. */
    static Batches validationStream(Tokens tokens, int batch, int seq) {
        if (tokens.size() <= seq + 1) {
            return null;
        }
        int lanes = (int) Math.max(1, Math.min(batch, tokens.size() / (seq + 1L)));
        StreamBatches b = new StreamBatches(tokens, lanes, seq);
        return b.perEpoch() == 0 ? null : b;
    }
}

package lstmsh.fit;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.NgramBaseline;
import lstmsh.corpus.Tokenizers;

/**
 * What the planner needs to know of a corpus.
 *
 * @param level "char" or "word" (the tokenizer's base level)
 * @param trainTokens tokens in the training split
 * @param validationTokens tokens in the validation split
 * @param vocabulary vocabulary size
 * @param unigramEntropy nats per token of the unigram distribution
 * @param ngramLoss validation loss of the best n-gram, nats per token (NaN: not computed)
 * @param ngramOrder its order (0: not computed)
 */
public record CorpusProfile(String level, long trainTokens, long validationTokens, int vocabulary, double unigramEntropy, double ngramLoss,
        int ngramOrder) {

    public static CorpusProfile of(Corpus corpus) {
        NgramBaseline ngram = corpus.knownNgramBaseline().orElse(null);
        return new CorpusProfile(Tokenizers.baseLevel(corpus.tokenizer().level()), corpus.trainEnd(), corpus.size() - corpus.trainEnd(),
                corpus.vocabulary().size(), corpus.stats().unigramEntropyNats(),
                ngram == null ? Double.NaN : ngram.loss(), ngram == null ? 0 : ngram.order());
    }

    public boolean wordLevel() {
        return level.equals("word");
    }
}

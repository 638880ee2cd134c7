package lstmsh.corpus;

/**
 * An encoded corpus: its vocabulary, its token stream and where validation starts. The last
 * {@code valFraction} of the stream is validation, so no training text leaks into it.
 */
public record Corpus(
        String source,
        CorpusSettings settings,
        Tokenizer tokenizer,
        Vocabulary vocabulary,
        Tokens tokens,
        int trainEnd,
        CorpusStats stats) {

    public Tokens train() {
        return tokens.slice(0, trainEnd);
    }

    public Tokens validation() {
        return tokens.slice(trainEnd, tokens.size());
    }

    public int size() {
        return tokens.size();
    }

    /** Builds the record from an encoded stream, splitting and measuring it. */
    public static Corpus of(
            String source,
            CorpusSettings settings,
            Tokenizer tokenizer,
            Vocabulary vocabulary,
            Tokens tokens) {
        return of(source, settings, tokenizer, vocabulary, tokens, CorpusStats.measure(tokens, vocabulary, tokenizer.level()));
    }

    /** The same with statistics already measured (e.g. while encoding, or from the cache). */
    public static Corpus of(
            String source,
            CorpusSettings settings,
            Tokenizer tokenizer,
            Vocabulary vocabulary,
            Tokens tokens,
            CorpusStats stats) {
        int valTokens = (int) Math.floor(tokens.size() * settings.valFraction());
        int trainEnd = tokens.size() - valTokens;
        return new Corpus(source, settings, tokenizer, vocabulary, tokens, trainEnd, stats);
    }
}

package lstmsh.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        CorpusStats stats,
        NgramBaseline.Memo ngramMemo) {

    public Tokens train() {
        return tokens.slice(0, trainEnd);
    }

    public Tokens validation() {
        return tokens.slice(trainEnd, tokens.size());
    }

    public int size() {
        return tokens.size();
    }

    /** The n-gram baseline of this corpus, computed on first use (seconds for a few MB). */
    public NgramBaseline ngramBaseline() {
        return ngramMemo.get(this);
    }

    /** The baseline if something asked for it already; nothing is computed. */
    public Optional<NgramBaseline> knownNgramBaseline() {
        return ngramMemo.known();
    }

    /** The figures a corpus gives {@code expect}, by name: its size, split and statistics. */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("corpus.tokens", (double) size());
        f.put("corpus.vocab", (double) vocabulary.size());
        f.put("corpus.unigram_entropy", stats.unigramEntropyBits());
        f.put("corpus.train_tokens", (double) trainEnd);
        f.put("corpus.val_tokens", (double) (size() - trainEnd));
        f.put("corpus.top_share", stats.topShare());
        f.put("corpus.entropy_ratio", stats.entropyRatio());
        f.put("corpus.unk_share", stats.unkShare());
        f.put("corpus.ending_share", stats.endingShare());
        int run = stats.longestRunToken();
        f.put("corpus.longest_run", run < 0 ? 0.0 : stats.longestRun(run));
        knownNgramBaseline().ifPresent(b -> {
            f.put("corpus.ngram_loss", b.loss());
            f.put("corpus.ngram_order", (double) b.order());
        });
        return Collections.unmodifiableMap(f);
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
        return new Corpus(source, settings, tokenizer, vocabulary, tokens, trainEnd, stats, new NgramBaseline.Memo());
    }
}

package lstmsh.corpus;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/**
 * How a corpus is read. Defaults live here and nowhere else.
 *
 * @param valFraction share of the token stream, taken from its end, held out for validation
 * @param level {@code char} (one token per Unicode code point), {@code word} (words and marks,
 *     joined with tidied spaces and curled quotes) or {@code word-verbatim} (the same, keeping blanks
 *     and quotes as written)
 * @param lowercase lowercase every code point before splitting
 * @param maxVocab at most this many tokens in the vocabulary, {@code <unk>} included (0: no limit)
 * @param minCount tokens seen fewer times than this become {@code <unk>} (1: keep all)
 * @param encoding the files' character encoding
 * @param split how training reads the text: one stream, or each line its own sequence
 */
public record CorpusSettings(
        double valFraction,
        String level,
        boolean lowercase,
        int maxVocab,
        int minCount,
        String encoding,
        Split split) {

    /** The levels users type; each also comes lowercased (see {@link Tokenizers}). */
    public static final List<String> LEVELS = List.of("char", "word", "word-verbatim");

    public static final double DEFAULT_VAL_FRACTION = 0.1;
    public static final String DEFAULT_LEVEL = "char";
    public static final boolean DEFAULT_LOWERCASE = false;
    public static final int DEFAULT_MAX_VOCAB = 0;
    public static final int DEFAULT_MIN_COUNT = 1;
    public static final String DEFAULT_ENCODING = "UTF-8";
    public static final Split DEFAULT_SPLIT = Split.STREAM;

    /** {@code stream}: one long text read in contiguous windows; {@code lines}: each line its own sequence. */
    public enum Split {
        STREAM, LINES;

        /** As users type it: {@code stream}, {@code lines}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static CorpusSettings defaults() {
        return new CorpusSettings(
                DEFAULT_VAL_FRACTION,
                DEFAULT_LEVEL,
                DEFAULT_LOWERCASE,
                DEFAULT_MAX_VOCAB,
                DEFAULT_MIN_COUNT,
                DEFAULT_ENCODING,
                DEFAULT_SPLIT);
    }

    /** Defaults with another validation share. */
    public CorpusSettings(double valFraction) {
        this(valFraction, DEFAULT_SPLIT);
    }

    /** Another validation share and split, other settings at their defaults. */
    public CorpusSettings(double valFraction, Split split) {
        this(valFraction, DEFAULT_LEVEL, DEFAULT_LOWERCASE, DEFAULT_MAX_VOCAB, DEFAULT_MIN_COUNT, DEFAULT_ENCODING,
                split);
    }

    public CorpusSettings {
        if (!(valFraction >= 0 && valFraction < 0.9)) {
            throw new IllegalArgumentException(
                    "--val-fraction must be at least 0 and below 0.9, got " + valFraction);
        }
        if (level == null || !LEVELS.contains(level)) {
            throw new IllegalArgumentException("--level must be char, word or word-verbatim, got '" + level + "'");
        }
        if (maxVocab != 0 && maxVocab < 2) {
            throw new IllegalArgumentException("--max-vocab must be 0 (no limit) or at least 2, got " + maxVocab);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("--min-count must be at least 1, got " + minCount);
        }
        if (split == null) {
            split = DEFAULT_SPLIT;
        }
        try {
            encoding = Charset.forName(encoding).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown encoding '" + encoding
                    + "'; try UTF-8, ISO-8859-1, windows-1252 or UTF-16");
        }
    }

    public CorpusSettings withValFraction(double v) {
        return new CorpusSettings(v, level, lowercase, maxVocab, minCount, encoding, split);
    }

    public CorpusSettings withLevel(String v) {
        return new CorpusSettings(valFraction, v, lowercase, maxVocab, minCount, encoding, split);
    }

    public CorpusSettings withLowercase(boolean v) {
        return new CorpusSettings(valFraction, level, v, maxVocab, minCount, encoding, split);
    }

    public CorpusSettings withMaxVocab(int v) {
        return new CorpusSettings(valFraction, level, lowercase, v, minCount, encoding, split);
    }

    public CorpusSettings withMinCount(int v) {
        return new CorpusSettings(valFraction, level, lowercase, maxVocab, v, encoding, split);
    }

    public CorpusSettings withEncoding(String v) {
        return new CorpusSettings(valFraction, level, lowercase, maxVocab, minCount, v, split);
    }

    public CorpusSettings withSplit(Split v) {
        return new CorpusSettings(valFraction, level, lowercase, maxVocab, minCount, encoding, v);
    }

    /** The tokenizer these settings make. */
    public Tokenizer tokenizer() {
        return Tokenizers.forLevel(level, lowercase);
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }
}

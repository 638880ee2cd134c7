package lstmsh.corpus;

/**
 * How a corpus is read. Defaults live here and nowhere else.
 *
 * @param valFraction share of the token stream, taken from its end, held out for validation
 * @param split how training reads the text: one stream, or each line its own sequence
 */
public record CorpusSettings(double valFraction, Split split) {

    public static final double DEFAULT_VAL_FRACTION = 0.1;
    public static final Split DEFAULT_SPLIT = Split.STREAM;

    /** {@code stream}: one long text read in contiguous windows; {@code lines}: each line its own sequence. */
    public enum Split {
        STREAM, LINES;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static CorpusSettings defaults() {
        return new CorpusSettings(DEFAULT_VAL_FRACTION);
    }

    public CorpusSettings(double valFraction) {
        this(valFraction, DEFAULT_SPLIT);
    }

    public CorpusSettings {
        if (!(valFraction >= 0 && valFraction < 0.9)) {
            throw new IllegalArgumentException(
                    "--val-fraction must be at least 0 and below 0.9, got " + valFraction);
        }
        if (split == null) {
            split = DEFAULT_SPLIT;
        }
    }
}

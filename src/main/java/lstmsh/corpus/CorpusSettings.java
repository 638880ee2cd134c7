package lstmsh.corpus;

/**
 * How a corpus is read. Defaults live here and nowhere else.
 *
 * @param valFraction share of the token stream, taken from its end, held out for validation
 */
public record CorpusSettings(double valFraction) {

    public static final double DEFAULT_VAL_FRACTION = 0.1;

    public static CorpusSettings defaults() {
        return new CorpusSettings(DEFAULT_VAL_FRACTION);
    }

    public CorpusSettings {
        if (!(valFraction >= 0 && valFraction < 0.9)) {
            throw new IllegalArgumentException(
                    "--val-fraction must be at least 0 and below 0.9, got " + valFraction);
        }
    }
}

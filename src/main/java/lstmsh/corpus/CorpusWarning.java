package lstmsh.corpus;

/**
 * Something in a corpus that commonly makes a model fail.
 *
 * @param code stable code, e.g. {@code CORPUS_IMBALANCE}, for {@code expect warning CODE}
 * @param reason what was found, with the figures
 * @param advice what to do about it
 */
public record CorpusWarning(String code, String reason, String advice) {}

package lstmsh.corpus;

import lstmsh.util.LstmshException;

/** Finds a tokenizer by the level name stored in checkpoints and typed by users. */
public final class Tokenizers {

    private Tokenizers() {}

    public static Tokenizer forLevel(String level) {
        return switch (level) {
            case "char" -> CharTokenizer.INSTANCE;
            case "char-lowercase" -> CharTokenizer.LOWERCASE;
            case "word" -> WordTokenizer.INSTANCE;
            case "word-lowercase" -> WordTokenizer.LOWERCASE;
            case "word-verbatim" -> WordTokenizer.VERBATIM;
            case "word-verbatim-lowercase" -> WordTokenizer.VERBATIM_LOWERCASE;
            default -> throw new LstmshException("unknown token level '" + level + "'; use char, word or word-verbatim");
        };
    }

    /** The tokenizer for a level typed by a user ({@code char} or {@code word}) and the case option. */
    public static Tokenizer forLevel(String level, boolean lowercase) {
        return forLevel(lowercase ? level + "-lowercase" : level);
    }

    /** {@code char} or {@code word}, without the case option. */
    public static String baseLevel(String level) {
        return level.startsWith("word") ? "word" : "char";
    }
}

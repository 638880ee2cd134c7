package lstmsh.corpus;

import lstmsh.LstmshException;

/** Finds a tokenizer by the level name stored in checkpoints and typed by users. */
public final class Tokenizers {

    private Tokenizers() {}

    public static Tokenizer forLevel(String level) {
        if ("char".equals(level)) {
            return CharTokenizer.INSTANCE;
        }
        throw new LstmshException("unknown token level '" + level + "'; use char");
    }
}

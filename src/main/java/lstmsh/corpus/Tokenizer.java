package lstmsh.corpus;

import java.util.List;

/** Splits text into tokens and joins tokens back into readable text. */
public interface Tokenizer {

    /** The name users type for this level, e.g. {@code char}. */
    String level();

    List<String> split(String text);

    String join(List<String> tokens);

    /** Text between two tokens already joined: lets output stream token by token. */
    default String joinNext(String previousToken, String token) {
        return token;
    }
}

package lstmsh.corpus;

import java.util.ArrayList;
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

    /** The text of {@code ids[from, to)}, joined as this level joins tokens (words with their spaces). */
    default String text(Vocabulary vocabulary, int[] ids, int from, int to) {
        List<String> tokens = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            tokens.add(vocabulary.token(ids[i]));
        }
        return join(tokens);
    }

    /** Each token's text as it joins the one before it, so the pieces concatenate to {@link #text}. */
    default List<String> pieces(Vocabulary vocabulary, int[] ids) {
        List<String> pieces = new ArrayList<>(ids.length);
        String previous = null;
        for (int id : ids) {
            String token = vocabulary.token(id);
            pieces.add(previous == null ? token : joinNext(previous, token));
            previous = token;
        }
        return pieces;
    }
}

package lstmsh.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens a model knows, in id order. At character level every token is one Unicode code
 * point; at word level a token is a word, a punctuation mark or a newline.
 */
public final class Vocabulary {

    /** Stands for every token left out by {@code --max-vocab} or {@code --min-count}. */
    public static final String UNK = "<unk>";
    /** Separates the files of a corpus read from a directory or a glob. */
    public static final String DOC = "<doc>";

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    public Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token in vocabulary: " + tokens.get(i));
            }
        }
    }

    /** A character vocabulary of the given code points, in ascending order. */
    public static Vocabulary ofCodePoints(int[] sortedCodePoints) {
        List<String> list = new ArrayList<>(sortedCodePoints.length);
        for (int cp : sortedCodePoints) {
            list.add(new String(Character.toChars(cp)));
        }
        return new Vocabulary(list);
    }

    public int size() {
        return tokens.size();
    }

    public String token(int id) {
        return tokens.get(id);
    }

    /** The id of a token, or -1 when it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** True for the tokens lstmsh adds itself; no text splits into them. */
    public static boolean isSpecial(String token) {
        return UNK.equals(token) || DOC.equals(token);
    }

    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    /** A token as a user can read it: newlines, tabs and spaces are named. */
    public static String display(String token) {
        return switch (token) {
            case "\n" -> "\\n";
            case "\t" -> "\\t";
            case " " -> "' '";
            case "\r" -> "\\r";
            default -> token;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}

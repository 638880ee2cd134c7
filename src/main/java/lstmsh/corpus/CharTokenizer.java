package lstmsh.corpus;

import java.util.ArrayList;
import java.util.List;

/** One token per Unicode code point, so a character outside the BMP is one token, not two. */
public final class CharTokenizer implements Tokenizer {

    public static final CharTokenizer INSTANCE = new CharTokenizer(false);
    public static final CharTokenizer LOWERCASE = new CharTokenizer(true);

    private final boolean lowercase;

    private CharTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public String level() {
        return lowercase ? "char-lowercase" : "char";
    }

    @Override
    public List<String> split(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(new String(Character.toChars(lowercase ? Character.toLowerCase(cp) : cp))));
        return out;
    }

    @Override
    public String join(List<String> tokens) {
        return String.join("", tokens);
    }
}

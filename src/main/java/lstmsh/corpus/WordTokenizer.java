package lstmsh.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Word level: words, punctuation marks and newlines (see {@link WordSplitter}). Joining puts one
 * space between tokens except before closing marks ({@code . , ; : ! ? ) ] } ” ’ % … —}), after
 * opening ones ({@code ( [ { “ ‘ — ¿ ¡}) and around newlines, so {@code join(split(text))}
 * gives the text back with blanks tidied that way and straight quotes curled. The verbatim
 * variant ({@code word-verbatim}) keeps blanks and quotes as tokens, as written, and joins by
 * concatenation, so code keeps its indentation and quotes.
 */
public final class WordTokenizer implements Tokenizer {

    public static final WordTokenizer INSTANCE = new WordTokenizer(false, false);
    public static final WordTokenizer LOWERCASE = new WordTokenizer(true, false);
    public static final WordTokenizer VERBATIM = new WordTokenizer(false, true);
    public static final WordTokenizer VERBATIM_LOWERCASE = new WordTokenizer(true, true);

    private static final String CLOSING = ".,;:!?)]}\u201D\u2019%\u2026\u2014";
    private static final String OPENING = "([{\u201C\u2018\u2014\u00BF\u00A1";

    private final boolean lowercase;
    private final boolean verbatim;

    private WordTokenizer(boolean lowercase, boolean verbatim) {
        this.lowercase = lowercase;
        this.verbatim = verbatim;
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public String level() {
        return (verbatim ? "word-verbatim" : "word") + (lowercase ? "-lowercase" : "");
    }

    @Override
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        WordSplitter splitter = new WordSplitter(new WordSplitter.Sink() {
            @Override
            public void word(char[] chars, int length, int hash) {
                out.add(new String(chars, 0, length));
            }

            @Override
            public void single(int codePoint) {
                out.add(new String(Character.toChars(codePoint)));
            }
        }, verbatim);
        Normalizer n = new Normalizer(lowercase, splitter::accept);
        text.codePoints().forEach(n::accept);
        splitter.finish();
        return out;
    }

    @Override
    public String join(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (String t : tokens) {
            sb.append(previous == null ? t : joinNext(previous, t));
            previous = t;
        }
        return sb.toString();
    }

    @Override
    public String joinNext(String previousToken, String token) {
        if (verbatim || previousToken == null || "\n".equals(token) || "\n".equals(previousToken)
                || closes(token) || opens(previousToken)) {
            return token;
        }
        return " " + token;
    }

    static boolean closes(String token) {
        return token.length() == 1 && CLOSING.indexOf(token.charAt(0)) >= 0;
    }

    static boolean opens(String token) {
        return token.length() == 1 && OPENING.indexOf(token.charAt(0)) >= 0;
    }
}

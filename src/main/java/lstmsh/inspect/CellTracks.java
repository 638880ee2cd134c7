package lstmsh.inspect;

import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;
import lstmsh.util.LstmshException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a text is doing at each token, as a number the cells can be correlated with: inside
 * quotes, bracket depth, position in the line, and so on (Karpathy, Johnson and Fei-Fei 2015).
 * Each value describes the text just after the token was read, which is what the state after
 * that token can know.
 */
public final class CellTracks {

    private CellTracks() {}

    /** One track: its name, what it means, and its value after each token. */
    public record Track(String name, String meaning, double[] values) {

        /** True when the track changes somewhere in the text, so a correlation is defined. */
        public boolean varies() {
            for (double v : values) {
                if (v != values[0]) {
                    return true;
                }
            }
            return false;
        }

        /** Positions where the track is on (non-zero). */
        public boolean on(int t) {
            return values[t] != 0;
        }

        /** Positions after which the track falls (a closing quote or bracket comes next). */
        public boolean endsAfter(int t) {
            return t + 1 < values.length && values[t + 1] < values[t];
        }
    }

    /** The tokens as text: each token's piece and where it ends in the joined text. */
    public record Text(String text, int[] starts, int[] ends, boolean charLevel) {

        public static Text of(Tokenizer tokenizer, Vocabulary vocabulary, int[] ids) {
            List<String> pieces = tokenizer.pieces(vocabulary, ids);
            StringBuilder sb = new StringBuilder();
            int[] starts = new int[ids.length];
            int[] ends = new int[ids.length];
            for (int t = 0; t < ids.length; t++) {
                starts[t] = sb.length();
                sb.append(pieces.get(t));
                ends[t] = sb.length();
            }
            return new Text(sb.toString(), starts, ends, tokenizer.level().startsWith("char"));
        }

        public int size() {
            return ends.length;
        }

        /** The text of tokens [from, to). */
        public String between(int from, int to) {
            return text.substring(starts[from], ends[to - 1]);
        }

        /** The tokens [from, to) covering the first occurrence of {@code span}, or null. */
        public int[] locate(String span) {
            int at = text.indexOf(span);
            if (at < 0 || span.isEmpty()) {
                return null;
            }
            int from = 0;
            while (ends[from] <= at) {
                from++;
            }
            int to = from;
            while (to < size() && starts[to] < at + span.length()) {
                to++;
            }
            return new int[] {from, to};
        }
    }

    /** The built-in tracks for this level of text. */
    public static List<Track> standard(Text text) {
        String s = text.text();
        int n = text.size();
        double[] quote = new double[n];
        double[] depth = new double[n];
        double[] column = new double[n];
        double[] toNewline = new double[n];
        double[] wordStart = new double[n];
        double[] inWord = new double[n];
        double[] upper = new double[n];
        double[] digit = new double[n];
        double[] afterSentence = new double[n];
        double[] indent = new double[n];
        double[] sentencePosition = new double[n];
        double[] lineStart = new double[n];
        boolean inside = false;
        int brackets = 0;
        int lastNewline = -1;
        int lineIndent = 0;
        boolean indenting = true;
        boolean sentenceEnded = false;
        int sinceSentence = 0;
        int pos = 0;
        for (int t = 0; t < n; t++) {
            for (; pos < text.ends()[t]; pos++) {
                char ch = s.charAt(pos);
                switch (ch) {
                    case '"' -> inside = !inside;
                    case '“' -> inside = true;
                    case '”' -> inside = false;
                    case '(', '[', '{' -> brackets++;
                    case ')', ']', '}' -> brackets = Math.max(0, brackets - 1);
                    default -> { }
                }
                if (ch == '\n') {
                    if (lastNewline == pos - 1) {
                        // A blank line ends a paragraph and anything left open in it, so a text
                        // that starts inside a quote is not read inverted from there on.
                        inside = false;
                        brackets = 0;
                    }
                    lastNewline = pos;
                    lineIndent = 0;
                    indenting = true;
                } else if (indenting && (ch == ' ' || ch == '\t')) {
                    lineIndent++;
                } else {
                    indenting = false;
                }
                if (ch == '.' || ch == '!' || ch == '?') {
                    sentenceEnded = true;
                } else if (!Character.isWhitespace(ch) && ch != '"' && ch != '”' && ch != ')') {
                    sentenceEnded = false;
                }
            }
            int last = text.ends()[t] - 1;
            quote[t] = inside ? 1 : 0;
            depth[t] = brackets;
            column[t] = last - lastNewline;
            indent[t] = lineIndent;
            afterSentence[t] = sentenceEnded ? 1 : 0;
            if (last >= text.starts()[t]) {
                char ch = s.charAt(last);
                boolean letter = Character.isLetter(ch);
                boolean letterBefore = last > 0 && Character.isLetter(s.charAt(last - 1));
                wordStart[t] = letter && !letterBefore ? 1 : 0;
                inWord[t] = letter && letterBefore ? 1 : 0;
                String piece = s.substring(text.starts()[t], text.ends()[t]).strip();
                upper[t] = text.charLevel() ? (Character.isUpperCase(ch) ? 1 : 0)
                        : (!piece.isEmpty() && Character.isUpperCase(piece.charAt(0)) ? 1 : 0);
                digit[t] = text.charLevel() ? (Character.isDigit(ch) ? 1 : 0)
                        : (piece.chars().anyMatch(Character::isDigit) ? 1 : 0);
            }
            sentencePosition[t] = sinceSentence;
            sinceSentence = afterSentence[t] != 0 ? 0 : sinceSentence + 1;
            lineStart[t] = t > 0 && s.substring(text.starts()[t - 1], text.ends()[t - 1]).contains("\n") ? 1 : 0;
        }
        int nextNewline = n;
        for (int t = n - 1; t >= 0; t--) {
            toNewline[t] = nextNewline - t;
            if (s.substring(text.starts()[t], text.ends()[t]).contains("\n")) {
                nextNewline = t;
            }
        }
        List<Track> tracks = new ArrayList<>();
        tracks.add(new Track("quote", "inside double quotes (a blank line ends one)", quote));
        tracks.add(new Track("brackets", "depth inside ( [ { (a blank line ends all)", depth));
        tracks.add(new Track("column", "characters since the line began", column));
        tracks.add(new Track("to_newline", "tokens left until the next newline", toNewline));
        if (text.charLevel()) {
            tracks.add(new Track("word_start", "first letter of a word", wordStart));
            tracks.add(new Track("in_word", "a letter after a letter", inWord));
        }
        tracks.add(new Track("upper", "upper case", upper));
        tracks.add(new Track("digit", "a digit", digit));
        tracks.add(new Track("after_sentence", "after . ! or ? until a sentence starts", afterSentence));
        tracks.add(new Track("indent", "indentation of the line", indent));
        if (!text.charLevel()) {
            tracks.add(new Track("sentence_position", "tokens since the sentence began", sentencePosition));
            tracks.add(new Track("line_start", "first token of a line", lineStart));
        }
        return tracks;
    }

    /** The names of the built-in tracks at this level, for help and errors. */
    public static List<String> names(boolean charLevel) {
        return standard(new Text("a", new int[] {0}, new int[] {1}, charLevel)).stream().map(Track::name).toList();
    }

    /**
     * A user's track from {@code NAME=REGEX}: on at the tokens a match of REGEX covers.
     * At word level a token's piece starts with the space before it.
     */
    public static Track custom(String definition, Text text) {
        int eq = definition.indexOf('=');
        if (eq <= 0 || eq == definition.length() - 1) {
            throw new LstmshException("--track wants NAME=REGEX, e.g. --track number='[0-9]+', got '" + definition + "'");
        }
        String name = definition.substring(0, eq);
        Pattern pattern;
        try {
            pattern = Pattern.compile(definition.substring(eq + 1));
        } catch (PatternSyntaxException e) {
            throw new LstmshException("--track " + name + ": not a valid regular expression (" + e.getDescription()
                    + " near position " + e.getIndex() + ")");
        }
        double[] values = new double[text.size()];
        Matcher m = pattern.matcher(text.text());
        int t = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            while (t < values.length && text.ends()[t] <= m.start()) {
                t++;
            }
            for (int k = t; k < values.length && text.starts()[k] < m.end(); k++) {
                values[k] = 1;
            }
        }
        return new Track(name, "inside a match of " + pattern.pattern(), values);
    }

    /** A built-in track by name, or a user's NAME=REGEX. */
    public static Track pick(String nameOrDefinition, Text text) {
        if (nameOrDefinition.contains("=")) {
            return custom(nameOrDefinition, text);
        }
        for (Track track : standard(text)) {
            if (track.name().equals(nameOrDefinition)) {
                return track;
            }
        }
        throw new LstmshException("no track '" + nameOrDefinition + "'; use one of "
                + String.join(", ", names(text.charLevel())) + " or NAME=REGEX");
    }
}

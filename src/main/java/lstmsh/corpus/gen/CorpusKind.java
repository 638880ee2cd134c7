package lstmsh.corpus.gen;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The corpora {@code corpus generate} writes. */
public enum CorpusKind {
    /** English-like chapters ({@link EnglishLikeGenerator}). */
    PROSE,
    /** Three fixed lines in very unequal numbers ({@link ScenarioCorpora#imbalanced}). */
    IMBALANCED,
    /** Lines of random letters that end in a run of dots ({@link ScenarioCorpora#constantTail}). */
    CONSTANT_TAIL,
    /** Made-up words with Zipf-distributed frequencies ({@link ScenarioCorpora#zipf}). */
    ZIPF;

    /** As users type it: {@code prose}, {@code constant-tail}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every kind as users type it, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(CorpusKind::toString).toList();
    }

    /** The kind a user typed ({@code constant_tail} is taken too). */
    public static CorpusKind parse(String name) {
        for (CorpusKind k : values()) {
            if (k.toString().equals(name.replace('_', '-'))) {
                return k;
            }
        }
        List<String> names = names();
        throw new IllegalArgumentException("'" + name + "' is not a corpus kind; use "
                + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }
}

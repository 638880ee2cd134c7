package lstmsh.session;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...": the known word a mistyped one most likely meant. */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The only known word the typed one begins, else the nearest by edit distance within a
     * tolerance that grows with the word's length (a transposition costs two), ties going to
     * the most similar by Jaro-Winkler. Empty when nothing is close or the word is known.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        if (known.contains(typed)) {
            return Optional.empty();
        }
        String word = typed.toLowerCase(Locale.ROOT);
        if (word.length() >= 2) {
            List<String> prefixed = known.stream().filter(k -> k.startsWith(word)).toList();
            if (prefixed.size() == 1) {
                return Optional.of(prefixed.get(0));
            }
        }
        int tolerance = word.length() <= 3 ? 1 : word.length() <= 8 ? 2 : 3;
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        double bestSimilarity = -1;
        for (String k : known) {
            int d = distance.apply(word, k);
            double sim = similarity.apply(word, k);
            if (d < bestDistance || (d == bestDistance && sim > bestSimilarity)) {
                best = k;
                bestDistance = d;
                bestSimilarity = sim;
            }
        }
        return best != null && bestDistance <= tolerance && !best.equals(typed) ? Optional.of(best) : Optional.empty();
    }
}

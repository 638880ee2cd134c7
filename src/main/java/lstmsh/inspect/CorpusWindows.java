package lstmsh.inspect;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Stretches of the corpus, at seeded random starts, to run through a model and compare its states. */
public final class CorpusWindows {

    /** How many windows {@code diagnose} compares. */
    public static final int COUNT = 8;
    public static final int LENGTH = 100;
    public static final long SEED = 1;

    private CorpusWindows() {}

    /** A window's first position in the corpus and its token ids. */
    public record Window(int start, int[] tokens) {}

    public static List<Window> pick(Corpus corpus, int count, int length, long seed) {
        if (length < 1 || length >= corpus.size()) {
            throw new IllegalArgumentException("--length must be between 1 and the corpus size, got " + length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int start = random.nextInt(corpus.size() - length);
            int[] tokens = new int[length];
            for (int t = 0; t < length; t++) {
                tokens[t] = corpus.tokens().get(start + t);
            }
            windows.add(new Window(start, tokens));
        }
        return windows;
    }

    /**
     * Windows of the validation split, text the model did not train on; the whole corpus when the
     * split is shorter than a window.
     */
    public static List<int[]> validation(Corpus corpus, int count, int length, long seed) {
        Tokens split = corpus.validation();
        if (split.size() <= length + 1) {
            return tokens(pick(corpus, count, length, seed));
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int start = random.nextInt(split.size() - length);
            windows.add(split.slice(start, start + length).toArray());
        }
        return windows;
    }

    public static List<int[]> tokens(List<Window> windows) {
        return windows.stream().map(Window::tokens).toList();
    }
}

package lstmsh.corpus.gen;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Small synthetic corpora that reproduce known training pathologies (mode collapse onto a frequent
 * line, constant sequence tails, heavy-tailed word frequencies). Every method is a pure function of
 * its arguments.
 */
public final class ScenarioCorpora {

    public static final String MAJOR_LINE = "the cat is sleeping";
    public static final String MID_LINE = "a dog is barking";
    public static final String MINOR_LINE = "bird is flying";

    /** Defaults of the generators, as {@code corpus generate} offers them. */
    public static final int DEFAULT_MAJOR = 500;
    public static final int DEFAULT_MID = 20;
    public static final int DEFAULT_MINOR = 10;
    public static final int DEFAULT_SEQUENCES = 400;
    public static final int DEFAULT_HEAD = 30;
    public static final int DEFAULT_TAIL = 40;
    public static final int DEFAULT_ZIPF_VOCABULARY = 2000;
    public static final double DEFAULT_ZIPF_EXPONENT = 1.1;
    public static final int DEFAULT_ZIPF_WORDS = 100_000;

    private static final String[] ONSET = "b d f g h k l m n p r s t v z br dr gr kl pl st tr".split(" ");
    private static final String[] VOWEL = {"a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou"};
    private static final String[] CODA = {"n", "r", "l", "s", "m"};

    private ScenarioCorpora() {
    }

    /** 500 "the cat is sleeping", 20 "a dog is barking", 10 "bird is flying", shuffled, one per line. */
    public static String imbalanced(long seed) {
        return imbalanced(DEFAULT_MAJOR, DEFAULT_MID, DEFAULT_MINOR, seed);
    }

    /**
     * {@code major}, {@code mid} and {@code minor} copies of the three fixed lines, shuffled with the seed.
     * Counts may be zero but not negative, and not all zero.
     */
    public static String imbalanced(int major, int mid, int minor, long seed) {
        if (major < 0 || mid < 0 || minor < 0) {
            throw new IllegalArgumentException(
                    "line counts must be >= 0, got major=" + major + " mid=" + mid + " minor=" + minor);
        }
        long total = (long) major + mid + minor;
        if (total == 0) {
            throw new IllegalArgumentException("at least one line count must be > 0");
        }
        if (total > 50_000_000L) {
            throw new IllegalArgumentException("too many lines: " + total);
        }
        byte[] kinds = new byte[(int) total];
        for (int i = major; i < major + mid; i++) {
            kinds[i] = 1;
        }
        for (int i = major + mid; i < total; i++) {
            kinds[i] = 2;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = kinds.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            byte t = kinds[i];
            kinds[i] = kinds[j];
            kinds[j] = t;
        }
        StringBuilder sb = new StringBuilder(kinds.length * (MAJOR_LINE.length() + 1));
        for (byte k : kinds) {
            sb.append(k == 0 ? MAJOR_LINE : k == 1 ? MID_LINE : MINOR_LINE).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code sequences} lines, each a random head of {@code headLength} lowercase letters followed by
     * {@code tailLength} dots, so every sequence ends in a long constant stretch.
     */
    public static String constantTail(int sequences, int headLength, int tailLength, long seed) {
        positive("sequences", sequences);
        positive("headLength", headLength);
        positive("tailLength", tailLength);
        long size = (long) sequences * ((long) headLength + tailLength + 1);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("corpus too large: " + size + " chars");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder((int) size);
        for (int s = 0; s < sequences; s++) {
            for (int i = 0; i < headLength; i++) {
                sb.append((char) ('a' + rng.nextInt(26)));
            }
            for (int i = 0; i < tailLength; i++) {
                sb.append('.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code words} words drawn from {@code vocabulary} made-up pronounceable words, the word of rank r
     * (1-based) having probability proportional to 1/r^exponent; space separated, a newline after every
     * 12th word and at the end.
     */
    public static String zipf(int vocabulary, double exponent, int words, long seed) {
        positive("vocabulary", vocabulary);
        positive("words", words);
        if (!(exponent >= 0) || Double.isInfinite(exponent)) { // also rejects NaN
            throw new IllegalArgumentException("exponent must be a finite number >= 0, got " + exponent);
        }
        if (vocabulary > 10_000_000) {
            throw new IllegalArgumentException("vocabulary must be <= 10000000, got " + vocabulary);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        String[] vocab = madeUpWords(vocabulary, rng);
        double[] cdf = new double[vocabulary];
        double sum = 0;
        for (int r = 0; r < vocabulary; r++) {
            sum += Math.pow(r + 1, -exponent);
            cdf[r] = sum;
        }
        StringBuilder sb = new StringBuilder(words * 8);
        for (int w = 0; w < words; w++) {
            sb.append(vocab[sample(cdf, rng.nextDouble() * sum)]);
            sb.append((w + 1) % 12 == 0 || w == words - 1 ? '\n' : ' ');
        }
        return sb.toString();
    }

    /** First index whose cumulative weight exceeds u. */
    private static int sample(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static String[] madeUpWords(int n, SplittableRandom rng) {
        String[] out = new String[n];
        Set<String> seen = new HashSet<>(n * 2);
        int maxSyllables = 3;
        int misses = 0;
        for (int i = 0; i < n; ) {
            int syllables = 1 + rng.nextInt(maxSyllables);
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                sb.append(ONSET[rng.nextInt(ONSET.length)]).append(VOWEL[rng.nextInt(VOWEL.length)]);
            }
            if (rng.nextInt(5) == 0) {
                sb.append(CODA[rng.nextInt(CODA.length)]);
            }
            String w = sb.toString();
            if (seen.add(w)) {
                out[i++] = w;
                misses = 0;
            } else if (++misses > 50) {
                // The short-word space is crowded: allow longer words so large vocabularies terminate.
                maxSyllables++;
                misses = 0;
            }
        }
        return out;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}

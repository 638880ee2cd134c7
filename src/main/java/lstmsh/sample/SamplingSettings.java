package lstmsh.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How tokens are drawn. Defaults live here.
 *
 * @param length tokens to generate; the prime is not counted
 * @param temperature divides the logits; below 1 sharpens, above 1 flattens
 * @param topK draw only from the K most likely tokens; 0 keeps all
 * @param topP draw only from the smallest set of most likely tokens holding this much
 *     probability; 1 keeps all
 * @param greedy always take the most likely token (temperature, top-k and top-p are ignored)
 * @param prime text fed to the model before generating, or empty
 * @param seed seed of the draw
 * @param stop generation ends once the generated text contains this (empty: never)
 * @param onUnknown what to do with prime tokens the vocabulary lacks
 */
public record SamplingSettings(
        int length,
        double temperature,
        int topK,
        double topP,
        boolean greedy,
        String prime,
        long seed,
        String stop,
        UnknownPolicy onUnknown) {

    public static final int DEFAULT_LENGTH = 200;
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_TOP_K = 0;
    public static final double DEFAULT_TOP_P = 1.0;
    public static final long DEFAULT_SEED = 1;
    public static final UnknownPolicy DEFAULT_ON_UNKNOWN = UnknownPolicy.SKIP;
    public static final int MAX_LENGTH = 10_000_000;

    /** Prime tokens the vocabulary lacks: skipped with a warning naming them, or refused. */
    public enum UnknownPolicy {
        SKIP,
        STOP;

        public static UnknownPolicy parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--on-unknown takes " + String.join(" or ", names()) + ", got '" + text + "'");
            }
        }

        /** The policy as users type it: {@code skip}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Every policy as users type it, for help and completion. */
        public static List<String> names() {
            return Arrays.stream(values()).map(UnknownPolicy::label).toList();
        }
    }

    public static SamplingSettings defaults() {
        return new SamplingSettings(DEFAULT_LENGTH, DEFAULT_TEMPERATURE, "", DEFAULT_SEED);
    }

    public SamplingSettings(int length, double temperature, String prime, long seed) {
        this(length, temperature, DEFAULT_TOP_K, DEFAULT_TOP_P, false, prime, seed, "", DEFAULT_ON_UNKNOWN);
    }

    public SamplingSettings {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("--length must be between 1 and " + MAX_LENGTH + ", got " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "--temperature must be a positive number, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("--top-k must be 0 (off) or positive, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("--top-p must be in (0, 1], got " + topP);
        }
        prime = prime == null ? "" : prime;
        stop = stop == null ? "" : stop;
        onUnknown = onUnknown == null ? DEFAULT_ON_UNKNOWN : onUnknown;
    }

    public SamplingSettings withTemperature(double t) {
        return new SamplingSettings(length, t, topK, topP, greedy, prime, seed, stop, onUnknown);
    }

    public SamplingSettings withSeed(long newSeed) {
        return new SamplingSettings(length, temperature, topK, topP, greedy, prime, newSeed, stop, onUnknown);
    }

    /** How the draw is made, as the report names it: "temperature 0.7, top-k 40". */
    public String describeDraw() {
        if (greedy) {
            return "greedy";
        }
        StringBuilder sb = new StringBuilder("temperature ").append(trim(temperature));
        if (topK > 0) {
            sb.append(", top-k ").append(topK);
        }
        if (topP < 1) {
            sb.append(", top-p ").append(trim(topP));
        }
        return sb.toString();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%s", v);
    }
}

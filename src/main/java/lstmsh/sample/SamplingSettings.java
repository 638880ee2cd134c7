package lstmsh.sample;

/**
 * How tokens are drawn. Defaults live here.
 *
 * @param length tokens to generate; the prime is not counted
 * @param temperature divides the logits; below 1 sharpens, above 1 flattens
 * @param prime text fed to the model before generating, or empty
 * @param seed seed of the draw
 */
public record SamplingSettings(int length, double temperature, String prime, long seed) {

    public static final int DEFAULT_LENGTH = 200;
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final long DEFAULT_SEED = 1;

    public static SamplingSettings defaults() {
        return new SamplingSettings(DEFAULT_LENGTH, DEFAULT_TEMPERATURE, "", DEFAULT_SEED);
    }

    public SamplingSettings {
        if (length < 1) {
            throw new IllegalArgumentException("--length must be at least 1, got " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "--temperature must be a positive number, got " + temperature);
        }
        prime = prime == null ? "" : prime;
    }
}

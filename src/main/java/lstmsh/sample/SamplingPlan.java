package lstmsh.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The samples one {@code sample} command draws: several with consecutive seeds, or one per
 * temperature. Options that cannot go together are refused here, before anything is generated.
 *
 * @param settings the draw; with a count, the seed of the first sample
 * @param count samples to draw, sample i with seed + i - 1
 * @param temperatures one sample per temperature instead, or empty
 */
public record SamplingPlan(SamplingSettings settings, int count, List<Double> temperatures) {

    public static final int DEFAULT_COUNT = 1;
    public static final int MAX_COUNT = 1000;

    public SamplingPlan {
        Objects.requireNonNull(settings, "settings");
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("--count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        if (!temperatures.isEmpty()) {
            if (count > 1) {
                throw new IllegalArgumentException("use either --temperatures or --count, not both");
            }
            if (settings.greedy()) {
                throw new IllegalArgumentException("--greedy ignores the temperature; drop it to use --temperatures");
            }
            for (double t : temperatures) {
                try {
                    settings.withTemperature(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--temperatures: " + e.getMessage().replace("--temperature ", ""));
                }
            }
        }
    }

    /** One sample per temperature, compared in a table, rather than samples told apart by their seeds. */
    public boolean sweepsTemperatures() {
        return !temperatures.isEmpty();
    }

    /** The settings of each sample, in the order they are drawn. */
    public List<SamplingSettings> samples() {
        List<SamplingSettings> out = new ArrayList<>();
        if (sweepsTemperatures()) {
            temperatures.forEach(t -> out.add(settings.withTemperature(t)));
        } else {
            for (int i = 0; i < count; i++) {
                out.add(settings.withSeed(settings.seed() + i));
            }
        }
        return out;
    }
}

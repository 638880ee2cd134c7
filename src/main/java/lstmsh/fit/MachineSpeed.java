package lstmsh.fit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import lstmsh.bench.TrainingSpeed;
import lstmsh.engine.EngineSupport;
import lstmsh.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How fast this machine trains: tokens per second of the whole training step for a few shapes,
 * and between and beyond them a fit of seconds per token = overhead + cost × FLOPs per token.
 * Measured in seconds by timing real training steps, then kept in the cache folder under a
 * key of the machine and engine, so later runs need no measuring.
 */
public final class MachineSpeed {

    /** Small, medium and large: the fit spans the candidates the planner weighs. */
    static final List<ModelShape> TIMED = List.of(new ModelShape(64, 128, 1), new ModelShape(64, 256, 2),
            new ModelShape(64, 512, 2));
    public static final int TIMING_BATCH = 32;
    public static final int TIMING_SEQ = 50;
    public static final int TIMING_STEPS = 3;

    /** One timed shape at a vocabulary size. */
    public record Point(int embed, int hidden, int layers, int vocab, double tokensPerSecond) {
        ModelShape shape() {
            return new ModelShape(embed, hidden, layers);
        }
    }

    /** Times one shape; the real one runs training steps (see {@code bench/TrainingSpeed}). */
    @FunctionalInterface
    public interface Timer {
        double tokensPerSecond(ModelShape shape, int vocab);
    }

    private final List<Point> points;
    private final String origin;
    private final double overhead;
    private final double perFlop;

    private MachineSpeed(List<Point> points, String origin, double overhead, double perFlop) {
        this.points = points;
        this.origin = origin;
        this.overhead = overhead;
        this.perFlop = perFlop;
    }

    /** The speed a table of timings describes; {@code origin} says where they came from. */
    public static MachineSpeed of(List<Point> points, String origin) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no timings");
        }
        int n = points.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            x[i] = p.shape().flopsPerToken(p.vocab());
            y[i] = 1 / p.tokensPerSecond();
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : 0;
        double intercept = my - slope * mx;
        if (slope <= 0 || intercept < 0) {
            // Noise from a busy machine can tilt the line: fall back to cost proportional to work.
            double xy = 0;
            double xx = 0;
            for (int i = 0; i < n; i++) {
                xy += x[i] * y[i];
                xx += x[i] * x[i];
            }
            slope = xy / xx;
            intercept = 0;
        }
        return new MachineSpeed(List.copyOf(points), origin, intercept, slope);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** Times {@link #TIMED} at {@code vocab}. */
    public static MachineSpeed measure(int vocab, Timer timer) {
        List<Point> points = new ArrayList<>();
        for (ModelShape s : TIMED) {
            points.add(new Point(s.embed(), s.hidden(), s.layers(), vocab, timer.tokensPerSecond(s, vocab)));
        }
        return of(points, "speed measured now");
    }

    /**
     * The cached speed of this machine for vocabularies like {@code vocab}, else measured now and
     * cached. A cache that cannot be read or written only costs a measurement.
     */
    public static MachineSpeed cachedOrMeasured(Path cacheDir, String machineKey, int vocab, Timer timer) {
        Path file = cacheDir.resolve("machine-speed-" + digest(machineKey + "\nvocabulary " + bucket(vocab)) + ".json");
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        try {
            if (Files.isRegularFile(file)) {
                Cached cached = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), Cached.class);
                if (cached != null && machineKey.equals(cached.key) && cached.points != null && !cached.points.isEmpty()) {
                    return of(cached.points, "speed from cache (" + cached.measured + ")");
                }
            }
        } catch (IOException | JsonParseException | IllegalArgumentException unreadable) {
            // measured again below and written over
        }
        MachineSpeed speed = measure(vocab, timer);
        Cached entry = new Cached();
        entry.key = machineKey;
        entry.measured = LocalDate.now().toString();
        entry.points = speed.points;
        try {
            AtomicFiles.write(file, t -> Files.writeString(t, gson.toJson(entry), StandardCharsets.UTF_8));
        } catch (IOException unwritable) {
            // the next run measures again
        }
        return speed;
    }

    /** This machine's speed at {@code vocab}: from the cache folder, else timed with real training steps. */
    public static MachineSpeed ofThisMachine(Path cacheDir, int vocab) {
        return cachedOrMeasured(cacheDir, machineKey(), vocab, (shape, v) -> TrainingSpeed.tokensPerSecond(
                shape.embed(), shape.hiddenSizes(), v, TIMING_BATCH, TIMING_SEQ, TIMING_STEPS));
    }

    /** What makes timings differ: processor, cores, engine and its version, device and thread setting. */
    public static String machineKey() {
        EngineSupport.Info engine = EngineSupport.info();
        return "cpu " + cpuModel() + "\ncores " + Runtime.getRuntime().availableProcessors()
                + "\nengine " + engine.engine() + " " + engine.version() + " " + engine.build()
                + "\ndevice " + (engine.inUse() == null ? "none" : EngineSupport.name(engine.inUse()))
                + "\nthreads " + Objects.requireNonNullElse(System.getenv("OMP_NUM_THREADS"), "default");
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** Vocabularies within a factor of two share timings: the softmax's share changes little. */
    static int bucket(int vocab) {
        return Integer.highestOneBit(Math.max(1, vocab - 1)) * 2;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cache file's content. */
    private static final class Cached {
        String key;
        String measured;
        List<Point> points;
    }

    /** Estimated training tokens per second of {@code shape} at {@code vocab}. */
    public double tokensPerSecond(ModelShape shape, int vocab) {
        return 1 / (overhead + perFlop * shape.flopsPerToken(vocab));
    }

    public List<Point> points() {
        return points;
    }

    /** "speed measured now" or "speed from cache (DATE)". */
    public String origin() {
        return origin;
    }
}

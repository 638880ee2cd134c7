package lstmsh.engine;

import ai.djl.engine.Engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the engine lazily and configures it once: offline, no usage tracking, logging to a file.
 * The shell's prompt must not wait for the native library, so nothing here runs at start-up
 * except {@link #configure}, which only sets properties.
 */
public final class EngineSupport {

    private static volatile Engine engine;
    private static volatile EngineOps ops;

    private EngineSupport() {}

    /** Must run before any DJL or SLF4J class is touched. */
    public static void configure(Path logFile) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            try {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
            } catch (Exception e) {
                // No writable home: keep the terminal clean all the same.
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
            }
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    /** The engine, loaded on first use. */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (EngineSupport.class) {
                if (engine == null) {
                    configureIfUnset();
                    try {
                        engine = Engine.getInstance();
                    } catch (RuntimeException | Error failure) {
                        throw new lstmsh.LstmshException(
                                "the deep learning engine did not load ("
                                        + failure.getMessage()
                                        + "); see the log under ~/.lstmsh",
                                failure);
                    }
                }
                e = engine;
            }
        }
        return e;
    }

    public static boolean isLoaded() {
        return engine != null;
    }

    public static EngineOps ops() {
        EngineOps o = ops;
        if (o == null) {
            String name = engine().getEngineName();
            o = EngineOps.GENERIC;
            if ("PyTorch".equals(name)) {
                try {
                    o = (EngineOps)
                            Class.forName("lstmsh.engine.PyTorchOps")
                                    .getDeclaredConstructor()
                                    .newInstance();
                } catch (ReflectiveOperationException | LinkageError ignored) {
                    // Falls back to the generic calls.
                }
            }
            ops = o;
        }
        return o;
    }

    /** Seeds the engine's random generator (initialisation, dropout). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) seed);
    }

    private static void configureIfUnset() {
        if (System.getProperty("ai.djl.offline") == null) {
            configure(Path.of(System.getProperty("user.home"), ".lstmsh", "lstmsh.log"));
        }
    }
}

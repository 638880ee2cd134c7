package lstmsh.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;

import lstmsh.util.LstmshException;
import lstmsh.util.Messages;

import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the engine lazily and configures it once: offline, no usage tracking, logging to a file.
 * The shell's prompt must not wait for the native library, so nothing here runs at start-up
 * except {@link #configure}, which only sets properties.
 */
public final class EngineSupport {

    private static volatile Engine engine;
    private static volatile EngineOps ops;
    /** The device models are built on; null until first asked for, then the engine's default. */
    private static volatile Device device;
    /** A device named before the engine loaded (the program's --device), checked on first use. */
    private static volatile String requested;

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
                        throw new LstmshException(explainLoadFailure(failure), failure);
                    }
                }
                e = engine;
            }
        }
        return e;
    }

    /**
     * One line on why the engine did not load. The usual case is a CUDA build on a machine
     * without a usable NVIDIA driver: DJL then ignores the bundled CUDA library and, offline,
     * has nothing else to load.
     */
    static String explainLoadFailure(Throwable failure) {
        String flavor = bundledFlavor();
        if (flavor.startsWith("cu")) {
            int gpus;
            try {
                gpus = CudaUtils.getGpuCount();
            } catch (RuntimeException | LinkageError e) {
                gpus = 0;
            }
            if (gpus == 0) {
                return "this is the CUDA build of lstmsh (PyTorch " + flavor + ") and it sees no usable NVIDIA GPU"
                        + " (no driver, or a driver older than the CUDA runtime); build without -Pcuda for this"
                        + " machine, or see docs/gpu.md";
            }
        }
        return "the deep learning engine did not load (" + Messages.plain(failure, "its native library failed") + "); see the log under ~/.lstmsh";
    }

    /** The flavour of the PyTorch native library on the class path (cpu, cu124 ...), or "". */
    private static String bundledFlavor() {
        try (var in = EngineSupport.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return "";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("flavor", "");
        } catch (java.io.IOException e) {
            return "";
        }
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

    /**
     * The device new models are built on: the one chosen with {@link #setDevice}, else the
     * engine's default (the first GPU when the engine is a CUDA build and sees one, else the
     * CPU). A device requested before the engine loaded is checked here, on first use.
     */
    public static Device device() {
        Device d = device;
        if (d == null) {
            synchronized (EngineSupport.class) {
                if (device == null) {
                    String spec = requested;
                    device = spec == null ? engine().defaultDevice() : check(parseDevice(spec));
                    requested = null;
                }
                d = device;
            }
        }
        return d;
    }

    /** Chooses the device for models built from now on; refuses one the engine cannot use. */
    public static synchronized void setDevice(Device d) {
        device = check(d);
        requested = null;
    }

    /**
     * Names the device before the engine is loaded, so the prompt does not wait for it: the
     * spelling is checked now, whether the device exists on first use. Null leaves the default.
     */
    public static synchronized void requestDevice(String spec) {
        if (spec == null) {
            return;
        }
        parseDevice(spec);
        requested = spec;
        device = null;
    }

    /** Back to the engine's default device. */
    public static synchronized void resetDevice() {
        device = null;
        requested = null;
    }

    /** {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}; case does not matter. */
    public static Device parseDevice(String spec) {
        String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu")) {
            return Device.gpu();
        }
        if (s.startsWith("gpu") && s.length() > 3) {
            String n = s.substring(s.charAt(3) == ':' ? 4 : 3);
            try {
                int id = Integer.parseInt(n);
                if (id >= 0) {
                    return Device.gpu(id);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new LstmshException("unknown device '" + spec + "'; use cpu, gpu or gpu:N (N from 0, see 'device')");
    }

    /** The device if the engine can use it, else a one-line error that says what to do. */
    static Device check(Device d) {
        if (!d.isGpu()) {
            return d;
        }
        Engine e = engine();
        int gpus = e.getGpuCount();
        if (gpus == 0) {
            if (!e.hasCapability(StandardCapabilities.CUDA)) {
                throw new LstmshException("no GPU visible to the " + e.getEngineName() + " CPU build; use 'device cpu'"
                        + ("PyTorch".equals(e.getEngineName())
                                ? ", or build lstmsh with -Pcuda on a machine with an NVIDIA driver (docs/gpu.md)"
                                : ", or the PyTorch CUDA build (mvn -Pcuda package, docs/gpu.md)"));
            }
            throw new LstmshException("no GPU visible to the " + e.getEngineName()
                    + " CUDA build (no NVIDIA driver or device found); use 'device cpu', or check nvidia-smi");
        }
        if (d.getDeviceId() >= gpus) {
            throw new LstmshException("there is no " + name(d) + "; this machine has " + gpus
                    + (gpus == 1 ? " GPU (gpu:0)" : " GPUs (gpu:0 to gpu:" + (gpus - 1) + ")")
                    + "; see 'device'");
        }
        return d;
    }

    /** How lstmsh spells a device: cpu, gpu:0 ... */
    public static String name(Device d) {
        return d.isGpu() ? "gpu:" + d.getDeviceId() : d.getDeviceType();
    }

    /** What {@code device} shows. {@code inUse} is null, with {@code problem} set, when the requested device is unusable. */
    public record Info(
            String engine,
            String version,
            String build,
            int gpuCount,
            List<String> devices,
            Device inUse,
            String problem) {}

    /** The engine, its build, the devices it sees and the one in use. Loads the engine. */
    public static Info info() {
        Engine e = engine();
        boolean cuda = e.hasCapability(StandardCapabilities.CUDA);
        String build = cuda ? "CUDA build" : "CPU build";
        if (cuda) {
            String runtime = cudaRuntime();
            build += runtime.isEmpty() ? "" : ", CUDA runtime " + runtime;
        } else if (e.hasCapability(StandardCapabilities.MKL)) {
            build += ", MKL";
        }
        int gpus = e.getGpuCount();
        List<String> devices = new ArrayList<>();
        devices.add("cpu");
        for (int i = 0; i < gpus; i++) {
            devices.add("gpu:" + i + gpuDetail(i));
        }
        Device inUse = null;
        String problem = null;
        try {
            inUse = device();
        } catch (LstmshException failure) {
            problem = failure.getMessage();
        }
        return new Info(e.getEngineName(), e.getVersion(), build, gpus, List.copyOf(devices), inUse, problem);
    }

    private static String cudaRuntime() {
        try {
            return CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : "";
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    private static String gpuDetail(int id) {
        try {
            MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(id));
            String capability = CudaUtils.getComputeCapability(id);
            return String.format(Locale.ROOT, " (compute capability %s, %.1f GiB)", capability,
                    memory.getMax() / (double) (1L << 30));
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
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

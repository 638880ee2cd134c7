package lstmsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process' resident memory, from /proc/self/status (Linux only). */
public final class Rss {

    private Rss() {}

    /** Resident set size in bytes, or -1 where /proc is not available. */
    public static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

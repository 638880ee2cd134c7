package lstmsh.fit;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CoreTest
class MachineSpeedTest {

    @TempDir Path cache;

    @Test
    void measuredOnceThenReadFromTheCachePerMachine() throws Exception {
        AtomicInteger timed = new AtomicInteger();
        MachineSpeed.Timer timer = (shape, vocab) -> {
            timed.incrementAndGet();
            return 1e9 / shape.flopsPerToken(vocab);
        };
        MachineSpeed first = MachineSpeed.cachedOrMeasured(cache, "machine A", 100, timer);
        assertEquals("speed measured now", first.origin());
        assertEquals(MachineSpeed.TIMED.size(), timed.get());
        MachineSpeed again = MachineSpeed.cachedOrMeasured(cache, "machine A", 120, timer);
        assertTrue(again.origin().startsWith("speed from cache ("), again.origin());
        assertEquals(MachineSpeed.TIMED.size(), timed.get(), "nothing timed");
        ModelShape shape = new ModelShape(64, 300, 2);
        assertEquals(first.tokensPerSecond(shape, 100), again.tokensPerSecond(shape, 100), 1e-6);

        MachineSpeed.cachedOrMeasured(cache, "machine B", 100, timer);
        MachineSpeed.cachedOrMeasured(cache, "machine A", 20_000, timer);
        assertEquals(3 * MachineSpeed.TIMED.size(), timed.get(), "another machine or vocabulary is timed anew");

        try (var files = Files.list(cache)) {
            files.forEach(f -> {
                try {
                    Files.writeString(f, "{ not json");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertEquals("speed measured now", MachineSpeed.cachedOrMeasured(cache, "machine A", 100, timer).origin(),
                "a damaged cache file costs a measurement, not the command");
    }
}

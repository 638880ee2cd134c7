package lstmsh.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** Uploads through one buffer give the values exactly and leave no direct buffer per array for the collector. */
@CoreTest
class HostBufferTest {

    private static final int UPLOADS = 300;

    @Test
    void manyUploadsReuseOneBufferAndKeepTheirValues() {
        HostBuffer longs = new HostBuffer();
        HostBuffer floats = new HostBuffer();
        try (NDManager manager = EngineSupport.engine().newBaseManager()) {
            long added = 0;
            for (int i = 0; i < UPLOADS; i++) {
                // Arrays longer than the shape, as a batch buffer is: only the shape's values go up.
                long[] ids = {i, i + 1, i + 2, i + 3, i + 4, i + 5, -1};
                float[] weights = {i, 0.5f, -i, 2, 3, 4, 99};
                try (NDManager step = manager.newSubManager()) {
                    long before = directBuffers();
                    NDArray x = longs.longs(step, ids, new Shape(2, 3));
                    NDArray w = floats.floats(step, weights, new Shape(2, 3));
                    // Counted around the uploads only: MXNet reads values back through a fresh direct buffer.
                    added += directBuffers() - before;
                    assertArrayEquals(new long[] {i, i + 1, i + 2, i + 3, i + 4, i + 5}, x.toLongArray());
                    assertArrayEquals(new float[] {i, 0.5f, -i, 2, 3, 4}, w.toFloatArray());
                }
            }
            // The engine's own create made one direct buffer per array: 600 here.
            assertTrue(added < UPLOADS / 10, added + " direct buffers more after " + 2 * UPLOADS + " uploads");
        }
    }

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getCount)
                .sum();
    }
}

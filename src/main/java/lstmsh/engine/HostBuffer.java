package lstmsh.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A direct buffer reused to hand values to the engine, one array at a time. The engine's
 * {@code create} from Java arrays copies into a fresh direct buffer that the new array reads in
 * place; that memory comes back only when the garbage collector finds the buffer, and a training
 * step makes little Java garbage, so the buffers of thousands of steps pile up as resident
 * memory between collections. An array made here may read this buffer, so it must be closed
 * before the next call.
 */
public final class HostBuffer {

    private ByteBuffer buffer;

    /** A (shape) int64 array of the first {@code shape.size()} values. */
    public NDArray longs(NDManager manager, long[] values, Shape shape) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer b = fill(n * Long.BYTES);
        b.asLongBuffer().put(values, 0, n);
        return manager.create(b, shape, DataType.INT64);
    }

    /** A (shape) float32 array of the first {@code shape.size()} values. */
    public NDArray floats(NDManager manager, float[] values, Shape shape) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer b = fill(n * Float.BYTES);
        b.asFloatBuffer().put(values, 0, n);
        return manager.create(b, shape, DataType.FLOAT32);
    }

    /** The buffer, grown when needed, positioned to hold exactly {@code bytes}. */
    private ByteBuffer fill(int bytes) {
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear().limit(bytes);
        return buffer;
    }
}

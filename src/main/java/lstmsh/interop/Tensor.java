package lstmsh.interop;

import java.util.Arrays;

/** A float32 tensor read from or written to another framework's file: row-major values and a shape. */
public record Tensor(long[] shape, float[] values) {

    public Tensor {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values, not " + values.length);
        }
    }

    public String shapeText() {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}

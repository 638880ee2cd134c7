package lstmsh.interop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import lstmsh.engine.EngineSupport;
import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format PyTorch exchanges weights in: an 8-byte header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw data. Read and written through
 * DJL; what is read arrives as float32 whatever its stored floating type.
 */
public final class SafetensorsFile {

    private SafetensorsFile() {}

    /** The tensors of {@code file} in stored order, or one line saying why it is not a safetensors file. */
    public static Map<String, Tensor> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + file + ": " + FileErrors.reason(e), e);
        }
        return decode(file.toString(), bytes);
    }

    /** As {@link #read}, from bytes already read; {@code name} says where they came from. */
    public static Map<String, Tensor> decode(String name, byte[] bytes) {
        if (bytes.length < 10) {
            throw notSafetensors(name, "it holds only " + bytes.length + " bytes");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8 || bytes[8] != '{') {
            throw notSafetensors(name, "it does not start with a safetensors header");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (NDManager manager = EngineSupport.engine().newBaseManager(Device.cpu())) {
            NDList list = NDList.decode(manager, new ByteArrayInputStream(bytes));
            for (NDArray array : list) {
                if (!array.getDataType().isFloating()) {
                    throw notSafetensors(name, array.getName() + " holds " + array.getDataType()
                            + " values where weights are floating point");
                }
                NDArray values = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
                tensors.put(array.getName(), new Tensor(array.getShape().getShape(), values.toFloatArray()));
            }
        } catch (LstmshException e) {
            throw e;
        } catch (RuntimeException e) {
            throw notSafetensors(name, "its header or data is damaged or cut short");
        }
        return tensors;
    }

    /** The safetensors bytes of {@code tensors}, float32, in the map's order. */
    public static byte[] encode(Map<String, Tensor> tensors) {
        try (NDManager manager = EngineSupport.engine().newBaseManager(Device.cpu())) {
            NDList list = new NDList();
            tensors.forEach((name, t) -> {
                NDArray array = manager.create(t.values(), new Shape(t.shape()));
                array.setName(name);
                list.add(array);
            });
            return list.encode(NDList.Encoding.SAFETENSORS);
        }
    }

    private static LstmshException notSafetensors(String name, String why) {
        return new LstmshException(name + " is not a readable safetensors file (" + why
                + "); give a file written by safetensors.torch.save_file or save_model");
    }
}

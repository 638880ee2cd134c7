package lstmsh.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** PyTorch's own calls; loaded by name so a build without the PyTorch engine still compiles. */
public final class PyTorchOps implements EngineOps {

    @Override
    public void setGradMode(boolean enabled) {
        JniUtils.setGradMode(enabled);
    }

    @Override
    public boolean fusesLayers() {
        return true;
    }

    @Override
    public void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}

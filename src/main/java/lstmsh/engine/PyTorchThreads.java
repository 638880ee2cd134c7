package lstmsh.engine;

import ai.djl.pytorch.jni.JniUtils;

/** PyTorch's intra-op thread count; loaded by name so a build without the PyTorch engine still compiles. */
final class PyTorchThreads implements IntraOpThreads.Control {

    @Override
    public int get() {
        return JniUtils.getNumThreads();
    }

    @Override
    public void set(int threads) {
        JniUtils.setNumThreads(threads);
    }
}

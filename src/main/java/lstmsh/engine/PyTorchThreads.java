package lstmsh.engine;

import ai.djl.pytorch.jni.JniUtils;

/** PyTorch's intra-op thread count; only touched once the PyTorch engine is known to be loaded. */
final class PyTorchThreads {

    private PyTorchThreads() {}

    static int get() {
        return JniUtils.getNumThreads();
    }

    static void set(int threads) {
        JniUtils.setNumThreads(threads);
    }
}

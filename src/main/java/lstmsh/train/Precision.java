package lstmsh.train;

import lstmsh.util.LstmshException;

import java.util.List;

/**
 * The number format training computes in. Only float32 is available: the engine build lstmsh
 * ships (DJL 0.35.1, PyTorch 2.7.1) aborts the whole program on any bfloat16 array, so bf16 is
 * refused before anything is touched (docs/precision.md records what was tried).
 */
public final class Precision {

    public static final String FLOAT32 = "float32";
    public static final String BF16 = "bf16";
    /** The spellings {@code --precision} knows, for completion. */
    public static final List<String> NAMES = List.of(FLOAT32, BF16);

    private Precision() {}

    /** Accepts float32; anything else is refused with one line saying why and what to use. */
    public static void require(String name) {
        if (FLOAT32.equals(name)) {
            return;
        }
        if (BF16.equalsIgnoreCase(name) || "bfloat16".equalsIgnoreCase(name)) {
            throw new LstmshException("--precision bf16 is not available: this build's engine (PyTorch 2.7.1 through"
                    + " DJL 0.35.1) stops the program on bfloat16 arrays; train without --precision (float32),"
                    + " see docs/precision.md");
        }
        throw new LstmshException("unknown --precision '" + name + "'; use float32");
    }
}

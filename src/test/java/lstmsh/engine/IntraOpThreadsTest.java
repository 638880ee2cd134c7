package lstmsh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

/**
 * The limit reaches PyTorch's thread count and lifts again; on other engines (the MXNet build,
 * which compiles without the PyTorch classes) it leaves the engine alone.
 */
@CoreTest
class IntraOpThreadsTest {

    @Test
    void onPyTorchTheLimitHoldsUntilClosed() {
        assumeTrue(isPyTorch());
        IntraOpThreads.Control control = IntraOpThreads.control().orElseThrow();
        int original = control.get();
        try {
            control.set(3);
            try (IntraOpThreads threads = IntraOpThreads.limit(1)) {
                assertEquals(1, control.get());
                try (IntraOpThreads inner = IntraOpThreads.limit(2)) {
                    assertEquals(1, control.get(), "a looser limit inside leaves the tighter one");
                }
                assertEquals(1, control.get());
            }
            assertEquals(3, control.get());
        } finally {
            control.set(original);
        }
    }

    @Test
    void onOtherEnginesThereIsNothingToLimit() {
        assumeFalse(isPyTorch());
        assertTrue(IntraOpThreads.control().isEmpty());
        try (IntraOpThreads threads = IntraOpThreads.limit(1)) {
            assertTrue(IntraOpThreads.control().isEmpty());
        }
    }

    private static boolean isPyTorch() {
        return "PyTorch".equals(EngineSupport.engine().getEngineName());
    }
}

package lstmsh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CoreTest;

import com.sun.jna.Native;
import com.sun.jna.Platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The policy native code reads is PASSIVE unless the user set one, which stays as it was. */
@CoreTest
class OpenMpWaitPolicyTest {

    @Test
    void passiveUnlessTheUserChoseAPolicy() {
        assumeFalse(Platform.isWindows(), "the C environment is not changed on Windows");
        OpenMpWaitPolicy.CLibrary c = Native.load("c", OpenMpWaitPolicy.CLibrary.class);
        String before = c.getenv(OpenMpWaitPolicy.VARIABLE);
        try {
            c.setenv(OpenMpWaitPolicy.VARIABLE, "ACTIVE", 1);
            assertEquals("ACTIVE", OpenMpWaitPolicy.passiveUnlessSet(), "a policy the user set stays");
            assertEquals(0, c.unsetenv(OpenMpWaitPolicy.VARIABLE));
            assertEquals("PASSIVE", OpenMpWaitPolicy.passiveUnlessSet());
            assertEquals("PASSIVE", c.getenv(OpenMpWaitPolicy.VARIABLE), "native code reads it");
        } finally {
            if (before == null) {
                c.unsetenv(OpenMpWaitPolicy.VARIABLE);
            } else {
                c.setenv(OpenMpWaitPolicy.VARIABLE, before, 1);
            }
        }
    }
}

package lstmsh.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * OpenMP threads spin while they wait for work by default. On a machine whose cores are busy with
 * other work that spinning takes the time the next op needs, and training runs several times
 * slower; waiting passively costs little when the machine is idle. The OpenMP runtime reads
 * OMP_WAIT_POLICY once, when the engine's native library loads, so the policy is put into this
 * process's environment before that, unless the user chose one.
 */
public final class OpenMpWaitPolicy {

    public static final String VARIABLE = "OMP_WAIT_POLICY";
    public static final String PASSIVE = "PASSIVE";

    private OpenMpWaitPolicy() {}

    /** The C library's environment, which native code reads (Java's own view is a copy taken at start). */
    interface CLibrary extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }

    /**
     * Sets OMP_WAIT_POLICY to PASSIVE unless it is set already; returns the policy native code will
     * read, or null where the environment cannot be changed (Windows, no C library).
     */
    public static String passiveUnlessSet() {
        if (Platform.isWindows()) {
            return null;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.setenv(VARIABLE, PASSIVE, 0);
            return c.getenv(VARIABLE);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }
}

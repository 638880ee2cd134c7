package lstmsh.util;

/**
 * A problem the user can fix: the message is shown as one line, so it says what was wrong and
 * what to do. Anything else that escapes a command is a defect and is reported as such.
 */
public class LstmshException extends RuntimeException {
    public LstmshException(String message) {
        super(message);
    }

    public LstmshException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure whose details were already printed (e.g. by a nested session file). */
    public static final class Reported extends LstmshException {
        public Reported(String message) {
            super(message);
        }
    }
}

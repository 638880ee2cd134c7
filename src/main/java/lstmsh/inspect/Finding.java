package lstmsh.inspect;

/**
 * A diagnosis: a stable code, how serious it is, the evidence as numbers, and the command that
 * would test the fix.
 */
public record Finding(String code, Severity severity, String evidence, String fix) {

    public enum Severity {
        INFO,
        WARNING,
        PROBLEM;

        public String label() {
            return name().toLowerCase();
        }
    }
}

package lstmsh.finding;

/**
 * Something that commonly makes a model fail, found by a corpus check, the sample judge, an
 * inspection or {@code diagnose}: a stable code, how serious it is, the evidence as numbers, and
 * the command (or, where none fits, the step) that tests the fix. Worded once, where the check is made.
 */
public record Finding(FindingCode code, Severity severity, String evidence, String fix) {

    public enum Severity {
        INFO,
        WARNING,
        PROBLEM;

        public String label() {
            return name().toLowerCase();
        }
    }

    public static Finding info(FindingCode code, String evidence, String fix) {
        return new Finding(code, Severity.INFO, evidence, fix);
    }

    public static Finding warning(FindingCode code, String evidence, String fix) {
        return new Finding(code, Severity.WARNING, evidence, fix);
    }

    public static Finding problem(FindingCode code, String evidence, String fix) {
        return new Finding(code, Severity.PROBLEM, evidence, fix);
    }

    /** Above info: counts toward {@code diagnose.findings}. */
    public boolean serious() {
        return severity != Severity.INFO;
    }

    /** The code as users type it, e.g. in {@code expect warning CORPUS_UNK}. */
    public String name() {
        return code.name();
    }
}

package lstmsh.sample;

/**
 * A finding about a sample: a stable code to test against, the evidence as one line, and one
 * line of advice.
 */
public record SampleWarning(String code, String reason, String advice) {}

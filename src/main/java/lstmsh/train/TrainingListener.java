package lstmsh.train;

/** What the loop tells its caller while it runs; the shell renders it. */
public interface TrainingListener {

    default void onStep(StepProgress progress) {}

    default void onValidation(long globalStep, double valLoss) {}

    /** Something the user should read (a stop, a guard), not an error of the caller's. */
    default void onNotice(String message) {}

    TrainingListener NONE = new TrainingListener() {};
}

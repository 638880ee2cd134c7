package lstmsh.sample;

/** Feeds a model one token at a time, carrying its state; never re-feeds the prefix. */
public interface Stepper extends AutoCloseable {

    /** Feeds one token and returns the logits for the next one. */
    float[] feed(int token);

    /** Back to the zero state. */
    void reset();

    @Override
    void close();
}

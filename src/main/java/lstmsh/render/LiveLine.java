package lstmsh.render;

/** One line of progress that is replaced as it changes, with ordinary lines printed above. */
public interface LiveLine extends AutoCloseable {

    /** Shows the latest progress. */
    void update(String line);

    /** Prints a line that stays, above the live line. */
    void println(String line);

    /** Ends the live line, leaving its last content on screen. */
    @Override
    void close();
}

package lstmsh.session;

/**
 * Runs {@code .lstm} files through the dispatcher that runs typed lines. The shell provides it,
 * so {@code run} reaches it without depending on the shell.
 */
public interface SessionFiles {

    /** Runs a file, stopping at the first failing line; false when a line failed. */
    boolean runFile(String path);

    /**
     * Runs a file; with {@code keepGoing} it runs past failing lines (and so do the files it
     * runs) and returns false at the end if any failed.
     */
    boolean runFile(String path, boolean keepGoing);

    /** Whether the run in progress goes on past failing lines; nested runs inherit it. */
    boolean keepGoing();
}

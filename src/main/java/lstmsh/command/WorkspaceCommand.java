package lstmsh.command;

import lstmsh.session.Workspace;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command bound to the shell's workspace; prints only through the workspace's writer. */
public abstract class WorkspaceCommand implements Callable<Integer> {

    protected final Workspace workspace;

    protected WorkspaceCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    protected PrintWriter out() {
        return workspace.out();
    }

    @Override
    public final Integer call() throws Exception {
        run();
        out().flush();
        return 0;
    }

    protected abstract void run() throws Exception;
}

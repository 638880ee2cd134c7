package lstmsh.shell;

import lstmsh.LstmshException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs {@code .lstm} session files through the same dispatcher as typed lines. Each line is
 * echoed after a prompt so the output reads like a transcript; the first failing line stops
 * the file with {@code FILE:LINE: message}.
 */
public final class SessionRunner {

    private final Dispatcher dispatcher;
    private final Workspace workspace;
    private final Deque<Path> files = new ArrayDeque<>();

    SessionRunner(Dispatcher dispatcher, Workspace workspace) {
        this.dispatcher = dispatcher;
        this.workspace = workspace;
    }

    /**
     * Runs a file; a relative path inside a session file resolves against that file's
     * directory. Returns false after printing the failing line's location and message.
     */
    public boolean runFile(String path) {
        Path file = resolve(path);
        if (files.contains(file)) {
            String chain = files.stream().map(Path::toString).collect(Collectors.joining(" → "));
            throw new LstmshException("run cycle: " + chain + " → " + file + " would never end");
        }
        if (!Files.isRegularFile(file)) {
            throw new LstmshException("no such session file: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + file + ": " + e.getMessage());
        }
        String shown = displayName(file);
        files.push(file);
        try {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String command = Dispatcher.stripComment(line).strip();
                if (command.isEmpty()) {
                    continue;
                }
                workspace.out().println("lstmsh> " + command);
                workspace.out().flush();
                Dispatcher.Outcome outcome = dispatcher.execute(command);
                if (!outcome.ok()) {
                    if (!outcome.reported()) {
                        workspace.out().println(shown + ":" + (i + 1) + ": " + outcome.error());
                        workspace.out().flush();
                    }
                    return false;
                }
                if (workspace.exitRequested()) {
                    break;
                }
            }
            return true;
        } finally {
            files.pop();
        }
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute() && !files.isEmpty()) {
            Path parent = files.peek().getParent();
            if (parent != null) {
                p = parent.resolve(p);
            }
        }
        return p.toAbsolutePath().normalize();
    }

    private static String displayName(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}

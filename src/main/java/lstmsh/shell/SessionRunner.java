package lstmsh.shell;

import lstmsh.session.CommandLines;

import lstmsh.LstmshException;
import lstmsh.render.Console;
import lstmsh.session.SessionFiles;
import lstmsh.session.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs {@code .lstm} session files through the same dispatcher as typed lines. Each line is
 * echoed after a prompt, with its variables replaced, so the output reads like a transcript;
 * the first failing line stops the file with {@code FILE:LINE: message}, or with keep-going
 * every failing line is reported and the run goes on.
 */
public final class SessionRunner implements SessionFiles {

    private final Dispatcher dispatcher;
    private final Workspace workspace;
    private final Deque<Path> files = new ArrayDeque<>();
    private boolean keepGoing;

    SessionRunner(Dispatcher dispatcher, Workspace workspace) {
        this.dispatcher = dispatcher;
        this.workspace = workspace;
    }

    /** Whether the run in progress goes on past failing lines; nested runs inherit it. */
    @Override
    public boolean keepGoing() {
        return keepGoing;
    }

    /**
     * Runs a file; with {@code keepGoing} it runs past failing lines (and so do the files it
     * runs) and returns false at the end if any failed.
     */
    @Override
    public boolean runFile(String path, boolean keepGoing) {
        boolean previous = this.keepGoing;
        this.keepGoing = previous || keepGoing;
        try {
            return runFile(path);
        } finally {
            this.keepGoing = previous;
        }
    }

    /**
     * Runs a file; a relative path inside a session file resolves against that file's
     * directory. Returns false after printing the failing line's location and message.
     */
    @Override
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
        List<Integer> failed = new ArrayList<>();
        int commands = 0;
        try {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String command = CommandLines.stripComment(line).strip();
                if (command.isEmpty()) {
                    continue;
                }
                commands++;
                Dispatcher.Outcome outcome;
                try {
                    command = dispatcher.expand(command);
                    echo(command);
                    outcome = dispatcher.executeExpanded(command);
                } catch (LstmshException e) {
                    echo(command);
                    outcome = new Dispatcher.Outcome(false, e.getMessage(), false);
                }
                if (!outcome.ok()) {
                    if (!outcome.reported()) {
                        workspace.out().println(workspace.console().tint(Console.Tone.ERROR,
                                shown + ":" + (i + 1) + ": " + outcome.error()));
                        workspace.out().flush();
                    }
                    failed.add(i + 1);
                    if (!keepGoing) {
                        return false;
                    }
                }
                if (workspace.exitRequested()) {
                    break;
                }
            }
            if (!failed.isEmpty()) {
                workspace.out().println(workspace.console().tint(Console.Tone.ERROR, String.format(
                        "%s: %d of %d lines failed (line%s %s)", shown, failed.size(), commands,
                        failed.size() == 1 ? "" : "s",
                        failed.stream().map(String::valueOf).collect(Collectors.joining(", ")))));
                workspace.out().flush();
            }
            return failed.isEmpty();
        } finally {
            files.pop();
        }
    }

    private void echo(String command) {
        workspace.out().println(workspace.console().tint(Console.Tone.PROMPT, "lstmsh>") + " " + command);
        workspace.out().flush();
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

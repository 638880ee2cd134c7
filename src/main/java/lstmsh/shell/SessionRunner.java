package lstmsh.shell;

import lstmsh.util.LstmshException;
import lstmsh.util.FileErrors;
import lstmsh.render.Console;
import lstmsh.session.CommandLines;
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
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Runs {@code .lstm} session files through the same dispatcher as typed lines. Each line is
 * echoed after a prompt, with its variables replaced, so the output reads like a transcript;
 * the first failing line stops the file with {@code FILE:LINE: message}, or with keep-going
 * every failing line is reported and the run goes on; every file ends with one line saying
 * whether it passed. A relative path on a file's line (a corpus, a checkpoint, a picture, a file
 * to run) is read against the file's folder, not the folder the shell was started in. Commands
 * given with {@code -c} go through the same loop, without the transcript, against the working
 * folder.
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

    /** True while a session file runs. */
    public boolean running() {
        return !files.isEmpty();
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
        List<String> lines = readLines(file);
        String shown = displayName(file);
        files.push(file);
        try {
            Run run = runLines(lines, keepGoing, true, line -> shown + ":" + line + ": ", file.getParent());
            summarize(shown, run, commands(lines));
            return run.failed().isEmpty();
        } finally {
            files.pop();
        }
    }

    /**
     * Runs commands separated by ';' (as {@code -c} gives them): no transcript, a failure prints
     * "error: ..." and stops the rest unless {@code keepGoing}. False when any failed.
     */
    public boolean runCommands(String commands, boolean keepGoing) {
        return runLines(CommandLines.splitCommands(commands), keepGoing, false, line -> "error: ", null).failed().isEmpty();
    }

    /** The file's last line: passed, failed at a line, or how many lines failed with keep-going. */
    private void summarize(String shown, Run run, int total) {
        String failedLines = run.failed().stream().map(String::valueOf).collect(Collectors.joining(", "));
        String line;
        if (run.failed().isEmpty()) {
            line = String.format("%s: passed (%d of %d commands ran%s)", shown, run.commands(), total,
                    run.commands() < total ? ", then exit" : "");
        } else if (run.finished()) {
            line = String.format("%s: %d of %d lines failed (line%s %s)", shown, run.failed().size(),
                    run.commands(), run.failed().size() == 1 ? "" : "s", failedLines);
        } else {
            line = String.format("%s: failed at line %s (%d of %d commands ran)", shown, failedLines, run.commands(),
                    total);
        }
        workspace.out().println(workspace.console().tint(run.failed().isEmpty() ? Console.Tone.OK
                : Console.Tone.ERROR, line));
        workspace.out().flush();
    }

    private static int commands(List<String> lines) {
        return (int) lines.stream().filter(l -> !CommandLines.stripComment(l).isBlank()).count();
    }

    /**
     * How a run of lines went: how many held a command, which (numbered from 1) failed, and
     * whether it got to the end or stopped at a failure.
     */
    record Run(int commands, List<Integer> failed, boolean finished) {}

    /**
     * The one loop over lines, for files and {@code -c} alike: comments dropped, blank lines
     * skipped, variables replaced; {@code transcript} echoes each line after the prompt first.
     * A failed line's message follows {@code where.apply(lineNumber)} unless already printed;
     * the first failure stops the run unless {@code keepGoing}, and exit stops it anyway.
     */
    Run runLines(List<String> lines, boolean keepGoing, boolean transcript, IntFunction<String> where, Path base) {
        List<Integer> failed = new ArrayList<>();
        int commands = 0;
        for (int i = 0; i < lines.size(); i++) {
            String command = CommandLines.stripComment(lines.get(i)).strip();
            if (command.isEmpty()) {
                continue;
            }
            commands++;
            Dispatcher.Outcome outcome;
            try {
                command = dispatcher.expand(command);
                echo(command, transcript);
                outcome = base == null ? dispatcher.executeExpanded(command)
                        : executeFromFile(command, base);
            } catch (LstmshException e) {
                echo(command, transcript);
                outcome = new Dispatcher.Outcome(false, e.getMessage(), false);
            }
            if (!outcome.ok()) {
                if (!outcome.reported()) {
                    workspace.out().println(workspace.console().tint(Console.Tone.ERROR, where.apply(i + 1) + outcome.error()));
                    workspace.out().flush();
                }
                failed.add(i + 1);
                if (!keepGoing) {
                    return new Run(commands, failed, false);
                }
            }
            if (workspace.exitRequested()) {
                break;
            }
        }
        return new Run(commands, failed, true);
    }

    /** A file's line, its relative paths read against the file's folder. */
    private Dispatcher.Outcome executeFromFile(String command, Path base) {
        List<String> words;
        try {
            words = dispatcher.words(command);
        } catch (RuntimeException e) {
            return dispatcher.executeExpanded(command);
        }
        return dispatcher.executeWords(command,
                SessionPaths.resolve(dispatcher.commandLine().getCommandSpec(), words, base));
    }

    private void echo(String command, boolean transcript) {
        if (!transcript) {
            return;
        }
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

    /** The file's lines; text that is not UTF-8 is refused naming the line and byte where it stops being so. */
    static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + file + ": " + FileErrors.reason(e));
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer text = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(in, text, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new LstmshException(String.format("%s is not UTF-8 text: line %d, byte %d (0x%02X); save it as UTF-8"
                    + " (e.g. iconv -f windows-1252 -t utf-8)", file, line, at + 1, bytes[at] & 0xFF));
        }
        text.flip();
        return text.toString().lines().toList();
    }
}

package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import lstmsh.TerminalTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the real program in a real terminal (tmux), as a person would: types, presses Tab,
 * starts training, presses Ctrl-C and Ctrl-D, and reads the screen. Runs after {@code package}
 * (maven-failsafe) against target/lstmsh.jar (the build's own jar where the build names it, as
 * -Pmxnet does); skipped where tmux or the jar is missing.
 */
@TerminalTest
class TmuxEndToEndIT {

    private static final int ROWS = 30;
    private static final int COLUMNS = 110;
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path JAR = ROOT.resolve(System.getProperty("lstmsh.jar", "target/lstmsh.jar"));

    @TempDir Path home;

    private Path socket;
    private int servers;

    @BeforeEach
    void needsTmuxAndTheJar() {
        assumeTrue(onPath("tmux"), "tmux is not installed");
        assumeTrue(Files.isRegularFile(JAR), JAR + " is not built (run mvn verify)");
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (socket != null && Files.exists(socket)) {
            tmux("kill-server");
        }
    }

    @Test
    void completesTrainsStopsOnCtrlCAndLeavesOnCtrlD() throws Exception {
        start("");
        waitFor("the prompt", s -> editing(s, "lstmsh> "));

        // Tab completes a command, then a path with the bundled corpora first.
        type("corpus lo");
        tab();
        waitFor("'corpus lo' completed to 'corpus load '", s -> editing(s, "lstmsh> corpus load "));
        tab();
        waitFor("the path list, corpora/ first", s -> s.contains("corpora/tales.txt") && s.contains("pom.xml"));
        String listing = screen();
        assertTrue(listing.indexOf("corpora/tales.txt") < listing.indexOf("pom.xml"), listing);
        type("corpora/ta");
        tab();
        waitFor("the path completed", s -> editing(s, "lstmsh> corpus load corpora/tales.txt "));
        enter();
        waitFor("the corpus summary", s -> s.contains("unigram entropy"));

        // Subcommand and option names complete too.
        type("mod");
        tab();
        waitFor("'mod' completed", s -> editing(s, "lstmsh> model "));
        type("n");
        tab();
        waitFor("'n' completed", s -> editing(s, "lstmsh> model new "));
        type("--hi");
        tab();
        waitFor("'--hi' completed", s -> editing(s, "lstmsh> model new --hidden "));
        type("32 --layers 1");
        enter();
        waitFor("the new model", s -> s.contains("LSTM(32)"));

        // Training: the live line sits on the bottom row while it runs.
        type("train --steps 2000 --batch 8 --seq 32");
        enter();
        Pattern live = Pattern.compile("^step \\d+ \\(run (\\d+)/2000 .*");
        String during = waitFor("the live line on the bottom row past step 20", s -> {
            Matcher m = live.matcher(bottomRow(s));
            return m.matches() && Integer.parseInt(m.group(1)) >= 20;
        });
        assertFalse(during.contains("trained "), during);
        keys("C-c");
        String after = waitFor("the prompt after Ctrl-C",
                s -> s.replace("\n", "").contains("stopped by Ctrl-C; the model is kept") && editing(s, "lstmsh> "));
        assertFalse(after.contains("^C"), "Ctrl-C is not echoed into the output:\n" + after);
        assertTrue(after.contains("Ctrl-C: stopping after step "), "the stop is said at once:\n" + after);

        // The bottom row is given back: a long output scrolls the whole screen, prompt at the bottom.
        type("help");
        enter();
        String scrolled = waitFor("help output with the prompt on the bottom row",
                s -> s.contains("Tab completes commands") && bottomRow(s).equals("lstmsh>"));
        assertFalse(live.matcher(bottomRow(scrolled)).matches(), scrolled);

        // The model was kept, with the steps it trained.
        type("model show");
        enter();
        String shown = waitFor("model show", s -> Pattern.compile("trained \\d+ steps").matcher(s).find()
                && editing(s, "lstmsh> "));
        Matcher steps = Pattern.compile("trained (\\d+) steps").matcher(shown);
        assertTrue(steps.find(), shown);
        int trained = Integer.parseInt(steps.group(1));
        assertTrue(trained >= 20 && trained < 2000, shown);

        // Ctrl-D with unsaved training asks once; Ctrl-D again leaves.
        keys("C-d");
        waitFor("the question before leaving", s -> s.contains("Leave without saving? [y/N]"));
        Thread.sleep(500); // the question's reader must be waiting before the key arrives
        keys("C-d");
        String end = waitFor("the program to end", s -> paneDead());
        // Some tmux builds report no status for a pane whose process they did not see end; where one
        // is reported it must be a clean exit.
        String status = tmux("display-message", "-p", "-t", "lstmsh", "#{pane_dead_status} #{pane_dead_signal}")
                .replace("\n", "");
        assertTrue(status.isBlank() || status.equals("0 "), "exit status and signal '" + status + "'; the screen shows:\n" + end);
        assertTrue(Files.readString(home.resolve(".lstmsh/history")).contains("model new --hidden 32 --layers 1"));
    }

    @Test
    void coloursComeFromTheTerminalAndNoColorTurnsThemOff() throws Exception {
        start("");
        waitFor("the prompt", s -> editing(s, "lstmsh> "));
        type("trian");
        enter();
        waitFor("the suggestion", s -> s.contains("did you mean 'train'"));
        String coloured = tmux("capture-pane", "-p", "-e", "-t", "lstmsh");
        assertTrue(lineWith(coloured, "did you mean").contains("\u001b["), coloured);
        assertTrue(lineWith(coloured, "lstmsh>").contains("\u001b["), coloured);
        waitFor("the prompt after the error", s -> editing(s, "lstmsh> "));
        keys("C-d");
        waitFor("the program to end", s -> paneDead());
        tmux("kill-server");

        start("NO_COLOR=1");
        waitFor("the prompt", s -> editing(s, "lstmsh> "));
        type("trian");
        enter();
        waitFor("the suggestion", s -> s.contains("did you mean 'train'"));
        String plain = tmux("capture-pane", "-p", "-e", "-t", "lstmsh");
        assertFalse(lineWith(plain, "did you mean").contains("\u001b["), plain);
        waitFor("the prompt after the error", s -> editing(s, "lstmsh> "));
        keys("C-d");
        waitFor("the program to end", s -> paneDead());
    }

    // ---- driving tmux ----

    private void start(String environment) throws Exception {
        // A server of its own each time: a stopped one may still be releasing its socket.
        socket = home.resolve("tmux" + (++servers) + ".sock");
        String javaHome = System.getProperty("java.home");
        String realHome = System.getProperty("user.home");
        // A home of its own keeps the user's history untouched; the engine's unpacked natives are shared.
        String command = "env " + environment + " TERM=screen-256color " + javaHome + "/bin/java -Xmx1g"
                + " -Duser.home=" + home + " -DDJL_CACHE_DIR=" + realHome + "/.djl.ai"
                + " -Dfile.encoding=UTF-8 -jar " + JAR;
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "lstmsh", "-x", String.valueOf(COLUMNS),
                "-y", String.valueOf(ROWS), "-c", ROOT.toString(), command);
        tmux("set-option", "-t", "lstmsh", "remain-on-exit", "on");
    }

    private void type(String text) throws Exception {
        tmux("send-keys", "-t", "lstmsh", "-l", "--", text);
    }

    private void tab() throws Exception {
        keys("Tab");
    }

    private void enter() throws Exception {
        keys("Enter");
    }

    private void keys(String key) throws Exception {
        tmux("send-keys", "-t", "lstmsh", key);
        Thread.sleep(150); // a signal key and what follows it must not race
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "lstmsh");
    }

    /** The process has ended and tmux has its exit status (the pane may close its side first). */
    private boolean paneDead() {
        try {
            return tmux("display-message", "-p", "-t", "lstmsh", "#{pane_dead}:#{pane_dead_status}#{pane_dead_signal}")
                    .strip().startsWith("1:");
        } catch (Exception e) {
            return false;
        }
    }

    private String waitFor(String what, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String s = "";
        while (System.nanoTime() < deadline) {
            s = screen();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        fail("waited 60 s for " + what + "; the screen shows:\n" + s);
        return s;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    // ---- reading the screen ----

    private static List<String> rows(String screen) {
        List<String> rows = new ArrayList<>(List.of(screen.split("\n", -1)));
        if (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty() && rows.size() > ROWS) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    private static String bottomRow(String screen) {
        List<String> rows = rows(screen);
        return rows.isEmpty() ? "" : rows.get(rows.size() - 1).strip();
    }

    /**
     * True when the last prompt line reads {@code line} with the cursor at its end (the screen
     * does not show trailing spaces, the cursor's column does).
     */
    private boolean editing(String screen, String line) {
        List<String> rows = rows(screen);
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).startsWith("lstmsh>")) {
                if (!rows.get(i).stripTrailing().equals(line.stripTrailing())) {
                    return false;
                }
                try {
                    return tmux("display-message", "-p", "-t", "lstmsh", "#{cursor_x}").strip()
                            .equals(String.valueOf(line.length()));
                } catch (Exception e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String lineWith(String screen, String text) {
        return Arrays.stream(screen.split("\n")).filter(l -> l.contains(text)).findFirst().orElse("");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}

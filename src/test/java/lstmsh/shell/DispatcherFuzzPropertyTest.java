package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.TestCorpora;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dispatcher given random and mutated command lines (the lines of the sessions and README
 * with words dropped, doubled, swapped, options and values thrown in, odd characters inside):
 * it never throws, never shows Java, answers a failure with one line, and a failed line leaves
 * the corpus and the model as they were. A tiny corpus and model keep each line quick; lines
 * that would write files or run long are made harmless first (see {@link #harmless}).
 */
@Tag("commands")
class DispatcherFuzzPropertyTest {

    private static final Set<String> LONG_OR_WRITING = Set.of(
            "save", "run", "exit", "quit", "bench", "bench-sample", "generate", "cache", "export", "--png");
    /** Verbs that take a second or so even on a tiny model: nine lines in ten, and long ones, only parse (with --help). */
    private static final Set<String> SLOW = Set.of("train", "inspect", "diagnose");
    private static final Pattern JAVA = Pattern.compile("Exception|java\\.|at lstmsh\\.|\\tat |internal error");
    private static final Pattern PATH = Pattern.compile("(\"?)(corpora|out|notes|logs|checkpoints)/[^\\s\"]*\\1");
    private static final List<String> VALUES = List.of("0", "-1", "1", "2", "3", "0.5", "-0.5", "1e-3", "1e9", "NaN",
            "Infinity", "-Infinity", "abc", "\"\"", "''", "1,2", "2,,3", ",", "\"a b\"", "gpu:7", "cpu", "word", "char",
            "lines", "cosine", "none", "surprisal", "skip", "stop", "xavier", "uniform:0,0.001", "uniform:", "normal:x",
            "sqrt-inverse", "train.val_loss", "sample.entropy", "<", ">=", "!=", "DOMINANT_TOKEN", "${X}", "$${X}",
            "${X:-1}", "${", "\\n", "\"unterminated", "'unterminated", "--", "-", "=", "#", ";", "日本", "😀",
            "99999999999999999999", "0x10", "+3", " ");
    private static final List<String> ODD = List.of("\0", "\0", "\0", "\"", "'", "\\", "$", "{", "}", "#", ";", "=", ",", "\t",
            "\u0007", "\u001b[31m", "\u00A0", "\uFEFF", "😀", "\r", "\n", "\uD800", "%s", "%n");

    private static Path dir;
    private static ShellFixture shell;
    private static String corpusFile;
    private static String checkpoint;
    private static List<String> seeds;
    private static List<String> optionNames;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("lstmsh-fuzz");
        corpusFile = TestCorpora.proseFile(dir.resolve("tiny.txt"), 3_000, 5).toString();
        checkpoint = dir.resolve("ck").toString();
        shell = new ShellFixture();
        reset();
        shell.ok("save " + checkpoint);
        optionNames = new ArrayList<>(options(shell.dispatcher.commandLine(), new LinkedHashSet<>()));
        seeds = seedLines();
    }

    @AfterContainer
    static void close() throws IOException {
        shell.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The tiny corpus and model every line starts from once a line has replaced them. */
    private static void reset() {
        shell.ok("corpus load " + corpusFile, "model new --embed 8 --hidden 8 --layers 1 --seed 1");
    }

    /** Every non-comment line of the sessions, the README's commands, and a line for each verb. */
    private static List<String> seedLines() throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        List<Path> sessions;
        try (Stream<Path> s = Files.walk(Path.of("sessions"))) {
            sessions = s.filter(p -> p.toString().endsWith(".lstm")).sorted().toList();
        }
        for (Path session : sessions) {
            Files.readAllLines(session).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(lines::add);
        }
        Matcher code = Pattern.compile("`([^`\\n]+)`|^ {2,}(?:lstmsh> )?(.+)$", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("README.md")));
        while (code.find()) {
            String line = (code.group(1) != null ? code.group(1) : code.group(2)).strip();
            if (shell.dispatcher.commandLine().getSubcommands().containsKey(line.split("\\s+")[0])) {
                lines.add(line);
            }
        }
        shell.dispatcher.commandLine().getSubcommands().keySet().forEach(lines::add);
        lines.addAll(List.of("load " + checkpoint, "score --file " + corpusFile, "corpus load " + corpusFile + " --level word",
                "corpus load " + corpusFile + " --split lines", "score \"the cat\"", "inspect gates \"The \"",
                "set X 3", "echo ${X}", "history", "help train", "plot", "metrics show"));
        List<String> seeds = new ArrayList<>();
        for (String line : lines) {
            Matcher path = PATH.matcher(line);
            seeds.add(path.replaceAll(m -> Matcher.quoteReplacement(m.group().contains("checkpoints") ? checkpoint : corpusFile)));
        }
        return seeds;
    }

    private static Set<String> options(CommandLine cl, Set<String> names) {
        cl.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        cl.getSubcommands().values().forEach(sub -> options(sub, names));
        return names;
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(seeds), Arbitraries.longs())
                .as((seed, random) -> mutate(seed, new Random(random)));
        Arbitrary<String> random = Arbitraries.strings().withChars("abcdeglmnorst -=\"'$#;{}\\,.0123\t\0".toCharArray())
                .ofMaxLength(30);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, mutated), net.jqwik.api.Tuple.of(1, random));
    }

    private static String mutate(String seed, Random random) {
        List<String> words = new ArrayList<>(List.of(seed.split(" ")));
        int changes = random.nextInt(5);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(10)) {
                case 0 -> {
                    if (words.size() > 1) {
                        words.remove(at);
                    }
                }
                case 1 -> words.add(at, words.get(at));
                case 2 -> {
                    int other = random.nextInt(words.size());
                    String w = words.get(at);
                    words.set(at, words.get(other));
                    words.set(other, w);
                }
                case 3 -> words.add(Math.min(words.size(), 1 + random.nextInt(words.size())),
                        optionNames.get(random.nextInt(optionNames.size())));
                case 4 -> words.add(Math.min(words.size(), 1 + random.nextInt(words.size())),
                        VALUES.get(random.nextInt(VALUES.size())));
                case 5 -> words.set(at, VALUES.get(random.nextInt(VALUES.size())));
                case 6, 7, 8 -> {
                    String w = words.get(at);
                    int cut = random.nextInt(w.length() + 1);
                    words.set(at, w.substring(0, cut) + ODD.get(random.nextInt(ODD.size())) + w.substring(cut));
                }
                default -> words.set(at, optionNames.get(random.nextInt(optionNames.size())) + "="
                        + VALUES.get(random.nextInt(VALUES.size())));
            }
        }
        return String.join(" ", words);
    }

    /**
     * The line with what would write files or run for long taken out: such verbs become {@code echo},
     * integers are at most 16, words
     * at most 20 characters, {@code train} runs 2 steps, and most lines of the slow verbs only parse.
     */
    static String harmless(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.split(" ", -1)) {
            words.add(w.matches("\\d+") && (w.length() > 2 || Integer.parseInt(w) > 16) ? "16"
                    : w.length() > 20 ? w.substring(0, 20) : w);
        }
        if (words.stream().anyMatch(w -> LONG_OR_WRITING.stream().anyMatch(w::contains))) {
            words.set(0, "echo");
        }
        if (words.get(0).equals("train")) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (w.startsWith("--steps") || w.startsWith("--epochs") || w.startsWith("--minutes")) {
                    if (!w.contains("=")) {
                        i++;
                    }
                    continue;
                }
                kept.add(w);
            }
            kept.addAll(List.of("--steps", "2"));
            words = kept;
        }
        String harmless = String.join(" ", words);
        if (SLOW.contains(words.get(0)) && (Math.floorMod(harmless.hashCode(), 10) != 0 || harmless.length() > 48)) {
            // Right after the verb, where no open quote can swallow it.
            harmless = words.get(0) + " --help" + harmless.substring(words.get(0).length());
        }
        return harmless;
    }

    @Property(tries = 2500, seed = "17")
    void anyLineFailsInOneLineWithoutJavaAndKeepsWhatTheUserHad(@ForAll("lines") String typed) {
        String line = harmless(typed);
        Corpus corpus = shell.workspace.corpus();
        LstmLanguageModel model = shell.workspace.model();
        shell.output();
        Dispatcher.Outcome outcome = assertDoesNotThrow(() -> shell.run(line), line);
        String shown = shell.output() + (outcome.error() == null ? "" : outcome.error());
        assertFalse(JAVA.matcher(shown).find(), () -> "line: " + line + "\nshown: " + shown);
        if (!outcome.ok()) {
            assertFalse(outcome.error().contains("\n"), () -> "line: " + line + "\nerror: " + outcome.error());
            assertTrue(!outcome.error().isBlank(), line);
            assertSame(corpus, shell.workspace.corpus(), line);
            assertSame(model, shell.workspace.model(), line);
        }
        if (shell.workspace.corpus() != corpus || shell.workspace.model() != model || shell.workspace.model() == null) {
            reset();
        }
    }
}

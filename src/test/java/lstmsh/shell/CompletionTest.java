package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.CommandTest;
import lstmsh.corpus.CorpusSettings;
import lstmsh.train.Schedule;
import lstmsh.train.TrainSettings;

import org.jline.reader.Candidate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@CommandTest
class CompletionTest {

    @TempDir Path dir;

    private ShellFixture shell;
    private ShellCompleter completer;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(dir.resolve("corpora"));
        Files.createDirectories(dir.resolve("sessions"));
        Files.createDirectories(dir.resolve("checkpoints/first"));
        Files.writeString(dir.resolve("corpora/tales.txt"), "x");
        Files.writeString(dir.resolve("sessions/quick.lstm"), "x");
        Files.writeString(dir.resolve("aaa.txt"), "x");
        Files.writeString(dir.resolve(".hidden"), "x");
        shell = new ShellFixture();
        completer = new ShellCompleter(shell.dispatcher.commandLine().getCommandSpec(), () -> dir);
    }

    /** What Tab offers for the typed text, as the line editor shows it: matching, in order. */
    private List<String> tab(String typed) {
        List<String> words = List.of(typed.split(" ", -1));
        String word = words.get(words.size() - 1);
        return completer.candidates(words.subList(0, words.size() - 1), word).stream()
                .filter(c -> c.value().startsWith(word))
                .sorted()
                .map(Candidate::value)
                .toList();
    }

    @Test
    void commandNamesWithoutAliases() {
        List<String> all = tab("");
        assertTrue(all.containsAll(List.of("corpus", "model", "train", "sample", "save", "load", "run", "set",
                "status", "history", "help", "exit")), all.toString());
        assertFalse(all.contains("quit"), all.toString());
        assertEquals(List.of("model"), tab("mod"));
        assertEquals(List.of("sample", "save", "score", "set", "status"), tab("s"));
    }

    /** Tab's hint for what the typed text completes to, as the line editor shows it. */
    private String hint(String typed) {
        List<String> words = List.of(typed.split(" ", -1));
        String word = words.get(words.size() - 1);
        return completer.candidates(words.subList(0, words.size() - 1), word).stream()
                .filter(c -> c.value().equals(word)).findFirst().orElseThrow().descr();
    }

    @Test
    void hintsKeepVariablesAndAbbreviationsAndInitOffersItsKinds() {
        assertEquals("Set a variable; ${NAME} then stands for its value", hint("set"));
        assertEquals("Print a note, e.g. in a session's output", hint("echo"));
        assertEquals(List.of("normal:0.02", "uniform:-0.1,0.1", "xavier"), tab("model new --init "));
        // A description longer than the room is cut at a word and says so.
        assertTrue(ShellCompleter.summary(new String[] {"word ".repeat(30)}).endsWith(" …"));
        assertEquals("Seed of the draw; with --count, sample i uses …", hint("sample --seed"));
    }

    @Test
    void subcommandsAndOptionNames() {
        assertEquals(List.of("cache", "generate", "load", "stats"), tab("corpus "));
        assertEquals(List.of("new", "show"), tab("model "));
        assertEquals(List.of("--hidden"), tab("model new --hi"));
        List<String> train = tab("train --");
        assertTrue(train.containsAll(List.of("--steps", "--batch", "--seq", "--lr", "--help")), train.toString());
        // An option already given is not offered again; options are offered when nothing else fits.
        assertFalse(tab("train --steps 10 --").contains("--steps"));
        assertTrue(tab("train ").contains("--steps"));
        // The value of an option is not mistaken for a positional parameter.
        assertEquals(List.of("corpora/tales.txt"), tab("corpus load --val-fraction 0.1 corpora/t"));
    }

    @Test
    void optionValuesComeFromTheCandidatesOrTheEnum() {
        assertEquals(List.of("constant-tail", "imbalanced", "prose", "zipf"), tab("corpus generate out.txt --kind "));
        assertEquals(List.of("constant-tail"), tab("corpus generate out.txt --kind c"));
        // A command added later completes with no change to the completer: enum values, path labels.
        CommandLine cl = new CommandLine(new Later());
        ShellCompleter generic = new ShellCompleter(
                new CommandLine(new Root()).addSubcommand("later", cl).getCommandSpec(), () -> dir);
        assertEquals(List.of("constant", "cosine", "plateau"),
                generic.candidates(List.of("later", "--schedule"), "").stream().map(Candidate::value).sorted().toList());
        assertTrue(generic.candidates(List.of("later", "--png"), "").stream().anyMatch(c -> c.value().equals("aaa.txt")));
    }

    @Test
    void valuesOfferedAreTheSettingsOwnNames() {
        assertEquals(labels(TrainSettings.OptimizerKind.values(), TrainSettings.OptimizerKind::label), tab("train --optimizer "));
        assertEquals(labels(Schedule.Kind.values(), Schedule.Kind::label), tab("train --schedule "));
        assertEquals(labels(TrainSettings.ClassWeighting.values(), TrainSettings.ClassWeighting::label),
                tab("train --class-weights "));
        assertEquals(labels(CorpusSettings.Split.values(), CorpusSettings.Split::toString), tab("corpus load --split "));
    }

    private static <E> List<String> labels(E[] values, java.util.function.Function<E, String> label) {
        return java.util.Arrays.stream(values).map(label).sorted().toList();
    }

    @Test
    void pathsOfferTheUsualPlacesFirst() {
        List<String> corpora = tab("corpus load ");
        assertEquals("corpora/tales.txt", corpora.get(0), corpora.toString());
        assertTrue(corpora.containsAll(List.of("aaa.txt", "corpora/", "sessions/")), corpora.toString());
        assertFalse(corpora.contains(".hidden"), corpora.toString());
        assertEquals("sessions/quick.lstm", tab("run ").get(0));
        assertEquals("checkpoints/first/", tab("load ").get(0));
        assertEquals(List.of("corpora/tales.txt"), tab("corpus load corpora/"));
        // Files in the usual place come first even when a prefix is typed; Tab inserts the common "corpora/".
        assertEquals(List.of("corpora/tales.txt", "corpora/"), tab("corpus load cor"));
        // A directory stays open for the next Tab; a file is complete.
        Candidate folder = completer.candidates(List.of("corpus", "load"), "cor").stream()
                .filter(c -> c.value().equals("corpora/")).findFirst().orElseThrow();
        assertFalse(folder.complete());
        assertTrue(completer.candidates(List.of("run"), "sessions/").get(0).complete());
    }

    @Test
    void helpCompletesCommandsAndTheirSubcommands() {
        assertTrue(tab("help ").containsAll(List.of("corpus", "train", "sample")));
        assertEquals(List.of("cache", "generate", "load", "stats"), tab("help corpus "));
    }

    @Command(name = "")
    static final class Root implements Runnable {
        @Override
        public void run() {}
    }

    @Command(name = "later")
    static final class Later implements Runnable {
        enum Schedule { constant, cosine, plateau }

        @Option(names = "--schedule")
        Schedule schedule;

        @Option(names = "--png", paramLabel = "FILE")
        String png;

        @Override
        public void run() {}
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        shell.close();
    }
}

package lstmsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class DidYouMeanTest {

    private static final List<String> VERBS = List.of("corpus", "model", "train", "sample", "save", "load",
            "expect", "run", "echo", "set", "status", "history", "help", "exit", "quit");

    @Test
    void typosFindTheCommand() {
        assertEquals(Optional.of("train"), Dispatcher.closest("trian", VERBS));
        assertEquals(Optional.of("sample"), Dispatcher.closest("smaple", VERBS));
        assertEquals(Optional.of("model"), Dispatcher.closest("mdoel", VERBS));
        assertEquals(Optional.of("corpus"), Dispatcher.closest("copus", VERBS));
        assertEquals(Optional.of("help"), Dispatcher.closest("hlep", VERBS));
        assertEquals(Optional.of("status"), Dispatcher.closest("stauts", VERBS));
        assertEquals(Optional.of("history"), Dispatcher.closest("hist", VERBS));
        assertEquals(Optional.of("save"), Dispatcher.closest("sav", VERBS));
        assertEquals(Optional.of("train"), Dispatcher.closest("Train", VERBS));
        assertEquals(Optional.of("expect"), Dispatcher.closest("expcet", VERBS));
    }

    @Test
    void farOffWordsGetNoGuess() {
        assertEquals(Optional.empty(), Dispatcher.closest("ls", VERBS));
        assertEquals(Optional.empty(), Dispatcher.closest("cat", VERBS));
        assertEquals(Optional.empty(), Dispatcher.closest("q", VERBS));
        assertEquals(Optional.empty(), Dispatcher.closest("plot", VERBS));
        assertEquals(Optional.empty(), Dispatcher.closest("tokenize", VERBS));
    }

    @Test
    void optionsAndSubcommandsGetSuggestionsToo() {
        try (ShellFixture shell = new ShellFixture()) {
            String option = shell.run("train --step 3").error();
            assertTrue(option.contains("unknown option '--step' for 'train'; did you mean '--steps'?"), option);
            String sub = shell.run("corpus laod corpora/tales.txt").error();
            assertTrue(sub.contains("unknown subcommand 'laod' for 'corpus'; did you mean 'corpus load'?"), sub);
            String none = shell.run("model frobnicate").error();
            assertTrue(none.contains("unknown subcommand 'frobnicate' for 'model'; it takes new, show"), none);
            String help = shell.run("help trian").error();
            assertTrue(help.contains("no command 'trian'; did you mean 'train'?"), help);
            assertFalse(help.contains("\n"));
        }
    }
}

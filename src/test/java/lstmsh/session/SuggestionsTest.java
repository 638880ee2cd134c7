package lstmsh.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lstmsh.CoreTest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

@CoreTest
class SuggestionsTest {

    private static final List<String> VERBS = List.of("corpus", "model", "train", "sample", "save", "load",
            "expect", "run", "echo", "set", "status", "history", "help", "exit", "quit");

    @Test
    void typosFindTheCommand() {
        assertEquals(Optional.of("train"), Suggestions.closest("trian", VERBS));
        assertEquals(Optional.of("sample"), Suggestions.closest("smaple", VERBS));
        assertEquals(Optional.of("model"), Suggestions.closest("mdoel", VERBS));
        assertEquals(Optional.of("corpus"), Suggestions.closest("copus", VERBS));
        assertEquals(Optional.of("help"), Suggestions.closest("hlep", VERBS));
        assertEquals(Optional.of("status"), Suggestions.closest("stauts", VERBS));
        assertEquals(Optional.of("history"), Suggestions.closest("hist", VERBS));
        assertEquals(Optional.of("save"), Suggestions.closest("sav", VERBS));
        assertEquals(Optional.of("train"), Suggestions.closest("Train", VERBS));
        assertEquals(Optional.of("expect"), Suggestions.closest("expcet", VERBS));
    }

    @Test
    void farOffWordsGetNoGuess() {
        assertEquals(Optional.empty(), Suggestions.closest("ls", VERBS));
        assertEquals(Optional.empty(), Suggestions.closest("cat", VERBS));
        assertEquals(Optional.empty(), Suggestions.closest("q", VERBS));
        assertEquals(Optional.empty(), Suggestions.closest("plot", VERBS));
        assertEquals(Optional.empty(), Suggestions.closest("tokenize", VERBS));
    }
}

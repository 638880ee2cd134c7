package lstmsh.interop;

import lstmsh.CoreTest;
import lstmsh.util.LstmshException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@CoreTest
class VocabularyFileTest {

    @TempDir Path dir;

    private List<String> read(String text) throws Exception {
        Path file = dir.resolve("vocab");
        Files.writeString(file, text);
        return VocabularyFile.read(file);
    }

    @Test
    void readsLinesJsonListsAndTokenIdMaps() throws Exception {
        List<String> expected = List.of("\n", " ", "a", "\\");
        assertEquals(expected, read("\\n\n \na\n\\\\\n"));
        assertEquals(expected, read("[\"\\n\", \" \", \"a\", \"\\\\\"]"));
        assertEquals(expected, read("{\"a\": 2, \"\\n\": 0, \"\\\\\": 3, \" \": 1}"));
        for (String token : expected) {
            assertEquals(List.of(token), read(VocabularyFile.escape(token) + "\n"));
        }
    }

    @Test
    void refusesDuplicatesGapsAndNonText() throws Exception {
        assertTrue(assertThrows(LstmshException.class, () -> read("a\nb\na\n")).getMessage()
                .endsWith("lists the token 'a' twice (ids 0 and 2); each token must appear once, in id order"));
        assertTrue(assertThrows(LstmshException.class, () -> read("{\"a\": 0, \"b\": 2}")).getMessage()
                .contains("the token 'b' has id 2 but the map holds 2 tokens"));
        Path binary = dir.resolve("weights");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertTrue(assertThrows(LstmshException.class, () -> VocabularyFile.read(binary)).getMessage()
                .endsWith("is not UTF-8 text; give the vocabulary as a token list (one per line, or JSON)"));
    }
}

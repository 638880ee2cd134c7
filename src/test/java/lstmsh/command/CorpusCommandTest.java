package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.gen.ScenarioCorpora;
import lstmsh.shell.ShellFixture;
import lstmsh.session.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CommandTest
class CorpusCommandTest {

    @TempDir
    Path dir;

    private ShellFixture shell;
    private Workspace workspace;

    @BeforeEach
    void setUp() {
        shell = new ShellFixture();
        workspace = shell.workspace;
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private String run(String line) {
        return shell.ok(line);
    }

    private String fail(String line) {
        return shell.fail(line);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyMessyInputFailsAndKeepsThePreviousCorpus() throws IOException {
        Path good = dir.resolve("good.txt");
        run("corpus generate " + good + " --chars 5000 --seed 3");
        run("corpus load " + good);
        Corpus before = workspace.corpus();
        assertNotNull(before);

        byte[] binary = new byte[4000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 3 == 0 ? 0 : 'x');
        }
        byte[] latin1 = "déjà vu, señor, ça coûte très cher à Zürich. ".repeat(10).getBytes(StandardCharsets.ISO_8859_1);
        write("nothing/empty.txt", "");
        write("nothing/blob.bin", new byte[] {0, 0, 1});
        String[][] cases = {
            {"corpus load " + write("empty.txt", ""), "is empty"},
            {"corpus load " + write("short.txt", "too short\n"), "fewer than the 101 of one training sequence"},
            {"corpus load " + write("bin.dat", binary), "looks binary"},
            {"corpus load " + write("latin1.txt", latin1), "is not UTF-8 text"},
            {"corpus load " + dir.resolve("nothing"), "has no text files (skipped 1 binary, 1 empty)"},
            {"corpus load " + dir.resolve("missing.txt"), "no such file or directory"},
            {"corpus load \"" + dir + "/*.csv\"", "no file matches"},
            {"corpus load " + good + " --level sentence", "--level must be char, word or word-verbatim"},
            {"corpus load " + good + " --encoding klingon", "unknown encoding 'klingon'"},
            {"corpus load " + good + " --min-count 100000", "leaves no token"},
            {"corpus load " + good + " --max-vocab 1", "--max-vocab must be 0 (no limit) or at least 2"},
            {"corpus load " + good + " --val-fraction 0.95", "--val-fraction must be"},
        };
        for (String[] c : cases) {
            String error = fail(c[0]);
            assertTrue(error.contains(c[1]), c[0] + " → " + error);
            assertSame(before, workspace.corpus(), c[0] + " replaced the corpus");
        }
        // The same Latin-1 file loads with its encoding.
        String out = run("corpus load " + dir.resolve("latin1.txt") + " --encoding ISO-8859-1");
        assertTrue(out.contains("char tokens"), out);
    }

    @Test
    void aFewInvalidBytesLoadWithAWarning() throws IOException {
        byte[] text = "a line of text that is long enough to train on\n".repeat(5).getBytes(StandardCharsets.UTF_8);
        text[20] = (byte) 0xFE;
        Path odd = write("odd.txt", text);
        String out = run("corpus load " + odd);
        assertTrue(out.contains("warning CORPUS_INVALID_TEXT: 1 invalid UTF-8 byte replaced by U+FFFD, the first at byte 20 (line 1) of"), out);
        // The fix reloads the same file as it was loaded, in the encoding most such files are in.
        assertTrue(out.contains("\n  try: corpus load " + odd + " --level char --encoding windows-1252\n"), out);
        run("expect warning CORPUS_INVALID_TEXT");
    }

    @Test
    void aCacheEntryBeingWrittenIsNamedWithItsSize() {
        String note = CorpusLoadCommand.writingNote(Path.of("/c"), 58_000_000, 2);
        assertTrue(note.startsWith("caching it in /c for next time: an entry of about 116.0 MB ("), note);
        assertTrue(note.contains(" tokens × 2 bytes; 'corpus cache --clear' empties the cache"), note);
    }

    @Test
    void crlfAndBomAreReported() throws IOException {
        byte[] body = "first line of a windows file\r\n".repeat(6).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        String out = run("corpus load " + write("win.txt", bytes));
        assertTrue(out.contains("6 Windows line endings made newlines, 1 byte-order mark dropped"), out);
        assertEquals(-1, workspace.corpus().vocabulary().id("\r"));
    }

    @Test
    void statsFlagTheImbalancedCorpusAndExpectSeesIt() {
        Path cats = dir.resolve("cats.txt");
        run("corpus generate " + cats + " --kind imbalanced --lines 500,20,10 --seed 2");
        run("corpus load " + cats + " --level word");
        String out = run("corpus stats --top 3");
        assertTrue(out.contains("warning CORPUS_IMBALANCE: 94.3% of the 530 lines end in \"is sleeping\""), out);
        assertTrue(out.contains("lines: 530 non-empty; 94.3% end in \"is sleeping\", the most common ending of 2 tokens\n"),
                out);
        assertTrue(out.lines().anyMatch(l -> l.matches("longest run of one token: \".+\", \\d+ times in a row")), out);
        assertTrue(out.contains("\n  try: train --class-weights sqrt-inverse"), out);
        run("expect warning CORPUS_IMBALANCE");
        run("expect corpus.ending_share > 0.9");
        run("expect corpus.unk_share <= 0");
        run("expect corpus.entropy_ratio > 0.5");
        run("expect corpus.top_share < 0.25");

        Path balanced = dir.resolve("balanced.txt");
        run("corpus generate " + balanced + " --kind imbalanced --lines 40,40,40");
        run("corpus load " + balanced + " --level word");
        assertTrue(run("corpus stats").contains("no imbalance found"));
        run("expect no-warning CORPUS_IMBALANCE");
    }

    @Test
    void generateExposesEachGeneratorsParameters() throws IOException {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        run("corpus generate " + a + " --kind constant-tail --sequences 7 --head 3 --tail 5 --seed 4");
        assertEquals(ScenarioCorpora.constantTail(7, 3, 5, 4), Files.readString(a));
        run("corpus generate " + b + " --kind zipf --vocab 50 --exponent 1.5 --words 300 --seed 4");
        assertEquals(ScenarioCorpora.zipf(50, 1.5, 300, 4), Files.readString(b));
        run("corpus generate " + a + " --kind imbalanced --lines 3,2,1 --seed 9");
        assertEquals(ScenarioCorpora.imbalanced(3, 2, 1, 9), Files.readString(a));
        run("corpus generate " + b + " --kind prose --chars 2000 --seed 9");
        assertEquals(lstmsh.corpus.gen.EnglishLikeGenerator.generate(2000, 9), Files.readString(b));
        assertTrue(fail("corpus generate " + a + " --kind prose --head 3").contains("--head applies to --kind constant-tail"));
        assertTrue(fail("corpus generate " + a + " --kind imbalanced --lines 1,2").contains("three counts"));
        assertTrue(fail("corpus generate " + a + " --kind zipf --exponent -1").contains("exponent"));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("a.txt", "b.txt"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void helpShowsTheDefaultsOfTheSettings() {
        assertTrue(run("corpus load --help").contains("(default: stream)"));
        assertTrue(run("corpus generate --help").contains("--kind=KIND     prose, imbalanced, constant-tail or zipf (default: prose)"));
    }

    @Test
    void directoriesAndGlobsLoadFromTheShell() throws IOException {
        String line = "the quick brown fox jumps over the lazy dog\n".repeat(8);
        write("docs/b.txt", line);
        write("docs/a.txt", line);
        write("docs/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        String out = run("corpus load " + dir.resolve("docs") + " --level word");
        assertTrue(out.contains("2 files (skipped 1 binary), separated by <doc>"), out);
        out = run("corpus load \"" + dir + "/docs/*.txt\"");
        assertTrue(out.contains("2 files, separated by <doc>"), out);
    }

    @Test
    void wordLevelModelsSampleReadableTextAndCheckpointsKeepTheirLevel() throws IOException {
        Path cats = dir.resolve("cats.txt");
        run("corpus generate " + cats + " --kind imbalanced --lines 60,30,30");
        run("corpus load " + cats + " --level word");
        run("model new --embed 8 --hidden 16 --layers 1");
        run("train --steps 30 --batch 4 --seq 8 --lr 0.05");
        String out = run("sample --prime \"the cat\" --length 40 --seed 3");
        assertTrue(out.startsWith("the cat "), out);
        String text = out.substring(0, out.indexOf("\n["));
        assertFalse(text.contains("  "), text);
        assertFalse(text.contains("\n "), text);
        for (String word : text.split("[ \n]+")) {
            assertTrue(workspace.model().vocabulary().id(word) >= 0, "not a token: '" + word + "' in " + text);
        }
        Path checkpoint = dir.resolve("ckpt");
        run("save " + checkpoint);
        run("load " + checkpoint);
        assertEquals("word", workspace.model().tokenizer().level());
        assertTrue(run("sample --prime \"a dog\" --length 5 --seed 1").startsWith("a dog "));
    }
}

package lstmsh.corpus;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.util.LstmshException;
import lstmsh.corpus.gen.EnglishLikeGenerator;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CoreTest
class CorpusLoaderTest {

    @TempDir
    Path dir;

    private static final CorpusSettings CHAR = CorpusSettings.defaults();
    private static final CorpusSettings WORD = CorpusSettings.defaults().withLevel("word");

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private static CorpusLoader.Loaded load(Path p, CorpusSettings s) {
        return CorpusLoader.load(p.toString(), s, CorpusLoader.Options.defaults());
    }

    private static String text(Corpus c) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            tokens.add(c.vocabulary().token(c.tokens().get(i)));
        }
        return c.tokenizer().join(tokens);
    }

    @Test
    void charLevelReadsCodePointsInSortedVocabulary() throws IOException {
        String s = "héllo 😀 wörld\nabc\n";
        Corpus c = load(write("a.txt", s), CHAR).corpus();
        assertEquals(s.codePointCount(0, s.length()), c.size());
        assertEquals(s, text(c));
        List<String> v = c.vocabulary().tokens();
        for (int i = 1; i < v.size(); i++) {
            assertTrue(v.get(i - 1).codePointAt(0) < v.get(i).codePointAt(0));
        }
        assertEquals(1, c.tokens().bytesPerToken());
        Corpus fromText = CorpusLoader.fromText("text", s, CHAR);
        assertEquals(c.vocabulary(), fromText.vocabulary());
        assertArrayEquals(c.tokens().toArray(), fromText.tokens().toArray());
    }

    @Test
    void fileAndTextLoadsAgree() throws IOException {
        String prose = EnglishLikeGenerator.generate(50_000, 3);
        for (CorpusSettings s : List.of(CHAR, WORD, WORD.withLowercase(true).withMinCount(3))) {
            Corpus fromFile = load(write("p.txt", prose), s).corpus();
            Corpus fromText = CorpusLoader.fromText("x", prose, s);
            assertEquals(fromText.vocabulary(), fromFile.vocabulary());
            assertArrayEquals(fromText.tokens().toArray(), fromFile.tokens().toArray());
            assertEquals(fromText.stats().unigramEntropyBits(), fromFile.stats().unigramEntropyBits(), 1e-12);
        }
    }

    @Test
    void wordVerbatimLoadsCodeThatJoinsBackAsWritten() throws IOException {
        String code = "def f(x):\n    return \"a\"  # note\n" + "if x:\n\tpass\n".repeat(20);
        Path p = write("code.py", code.getBytes(StandardCharsets.UTF_8));
        CorpusSettings s = CorpusSettings.defaults().withLevel("word-verbatim").withValFraction(0);
        Corpus fromFile = load(p, s).corpus();
        assertEquals(code, text(fromFile));
        assertEquals(code, text(CorpusLoader.fromText("code", code, s)));
    }

    @Test
    void crlfAndByteOrderMarkAreNormalised() throws IOException {
        byte[] body = "one\r\ntwo\rthree\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        CorpusLoader.Loaded l = load(write("crlf.txt", bytes), CHAR);
        assertEquals("one\ntwo\nthree\n", text(l.corpus()));
        assertEquals(2, l.report().crlf());
        assertEquals(1, l.report().byteOrderMarks());
        assertEquals(-1, l.corpus().vocabulary().id("\r"));
        assertEquals(-1, l.corpus().vocabulary().id("\uFEFF"));
    }

    @Test
    void aFewInvalidBytesAreReplacedAndLocated() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("line ").append(i).append('\n');
        }
        byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 2];
        int cut = sb.indexOf("line 5\n");
        System.arraycopy(good, 0, bytes, 0, cut);
        bytes[cut] = (byte) 0xFF;
        bytes[cut + 1] = (byte) 0xC3; // a lead byte without its continuation
        System.arraycopy(good, cut, bytes, cut + 2, good.length - cut);
        CorpusLoader.Loaded l = load(write("bad.txt", bytes), CHAR);
        assertEquals(2, l.report().invalidBytes());
        assertTrue(l.report().firstInvalid().startsWith("byte " + cut + " (line 6) of "), l.report().firstInvalid());
        assertTrue(text(l.corpus()).contains("\uFFFD\uFFFDline 5\n"));
    }

    @Test
    void manyInvalidBytesAreRefusedWithTheEncodingHint() throws IOException {
        byte[] latin1 = "café crème brûlée à la carte, où est-ce? ".repeat(20).getBytes(StandardCharsets.ISO_8859_1);
        Path p = write("latin1.txt", latin1);
        LstmshException e = assertThrows(LstmshException.class, () -> load(p, CHAR));
        assertTrue(e.getMessage().contains("is not UTF-8 text") && e.getMessage().contains("--encoding"), e.getMessage());
        Corpus c = load(p, CHAR.withEncoding("ISO-8859-1")).corpus();
        assertTrue(text(c).startsWith("café crème brûlée"));
        Corpus w = load(p, CHAR.withEncoding("windows-1252")).corpus();
        assertEquals(text(c), text(w));
    }

    @Test
    void utf16WithItsEncoding() throws IOException {
        String s = "hello wörld\r\nsecond line 😀\n".repeat(10);
        Path p = write("u16.txt", s.getBytes(StandardCharsets.UTF_16));
        LstmshException e = assertThrows(LstmshException.class, () -> load(p, CHAR));
        assertTrue(e.getMessage().contains("looks binary") && e.getMessage().contains("UTF-16"), e.getMessage());
        Corpus c = load(p, CHAR.withEncoding("UTF-16")).corpus();
        assertEquals(s.replace("\r\n", "\n"), text(c));
    }

    @Test
    void binaryEmptyAndTooShortAreRefused() throws IOException {
        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 7 == 0 ? 0 : 'a' + i % 26);
        }
        LstmshException b = assertThrows(LstmshException.class, () -> load(write("bin.dat", binary), CHAR));
        assertTrue(b.getMessage().contains("looks binary"), b.getMessage());
        LstmshException empty = assertThrows(LstmshException.class, () -> load(write("empty.txt", ""), CHAR));
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
        LstmshException bom = assertThrows(LstmshException.class,
                () -> load(write("bom.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), CHAR));
        assertTrue(bom.getMessage().contains("no text"), bom.getMessage());
        Path shortFile = write("short.txt", "just a few words\n");
        LstmshException tooShort = assertThrows(LstmshException.class, () -> CorpusLoader.load(shortFile.toString(), CHAR,
                CorpusLoader.Options.defaults().withMinTokens(101)));
        assertTrue(tooShort.getMessage().contains("only 17 tokens, fewer than the 101"), tooShort.getMessage());
        LstmshException missing = assertThrows(LstmshException.class, () -> load(dir.resolve("nope.txt"), CHAR));
        assertTrue(missing.getMessage().startsWith("no such file or directory"), missing.getMessage());
    }

    @Test
    void directoryReadsTextFilesInPathOrderWithSeparators() throws IOException {
        write("d/b.txt", "bee\n");
        write("d/a.txt", "ant");
        write("d/sub/c.md", "cat\n");
        write("d/.hidden/x.txt", "hidden\n");
        write("d/.notes.txt", "hidden\n");
        write("d/empty.txt", "");
        write("d/image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        CorpusLoader.Loaded l = load(dir.resolve("d"), CHAR);
        assertEquals("ant\n<doc>\nbee\n<doc>\ncat\n", text(l.corpus()));
        assertEquals(3, l.report().source().files().size());
        assertEquals(1, l.report().source().skippedBinary());
        assertEquals(1, l.report().source().skippedEmpty());
        assertEquals(0, l.corpus().vocabulary().id(Vocabulary.DOC));
        Corpus w = load(dir.resolve("d"), WORD).corpus();
        assertEquals(List.of(Vocabulary.DOC, "\n", "ant", "bee", "cat"), w.vocabulary().tokens());

        write("none/empty.txt", "");
        write("none/blob.bin", new byte[] {0, 1, 2});
        LstmshException e = assertThrows(LstmshException.class, () -> load(dir.resolve("none"), CHAR));
        assertEquals(dir.resolve("none") + " has no text files (skipped 1 binary, 1 empty); give a directory that holds text files",
                e.getMessage());
    }

    @Test
    void globsMatchFilesInPathOrder() throws IOException {
        write("g/one.txt", "one\n");
        write("g/two.txt", "two\n");
        write("g/skip.md", "skip\n");
        write("g/deep/three.txt", "three\n");
        Corpus flat = CorpusLoader.load(dir + "/g/*.txt", CHAR, CorpusLoader.Options.defaults()).corpus();
        assertEquals("one\n<doc>\ntwo\n", text(flat));
        Corpus deep = CorpusLoader.load(dir + "/g/**/*.txt", CHAR, CorpusLoader.Options.defaults()).corpus();
        assertEquals("three\n<doc>\none\n<doc>\ntwo\n", text(deep));
        LstmshException e = assertThrows(LstmshException.class,
                () -> CorpusLoader.load(dir + "/g/*.csv", CHAR, CorpusLoader.Options.defaults()));
        assertTrue(e.getMessage().startsWith("no file matches"), e.getMessage());
    }

    @Test
    void vocabularyLimitsMapTheRestToUnk() throws IOException {
        Path p = write("v.txt", "a a a a b b b c c d\n");
        Corpus all = load(p, WORD).corpus();
        assertEquals(List.of("a", "b", "c", "\n", "d"), all.vocabulary().tokens());
        assertEquals(-1, all.stats().unkId());

        CorpusLoader.Loaded min = load(p, WORD.withMinCount(2));
        assertEquals(List.of(Vocabulary.UNK, "a", "b", "c"), min.corpus().vocabulary().tokens());
        assertEquals(2, min.report().unkTypes());
        assertEquals(2.0 / 11, min.corpus().stats().unkShare(), 1e-12);
        assertEquals("a a a a b b b c c <unk> <unk>", text(min.corpus()));

        Corpus max = load(p, WORD.withMaxVocab(3)).corpus();
        assertEquals(List.of(Vocabulary.UNK, "a", "b"), max.vocabulary().tokens());
        assertEquals(4.0 / 11, max.stats().unkShare(), 1e-12);

        Corpus chars = load(p, CHAR.withMaxVocab(4)).corpus();
        assertEquals(List.of(Vocabulary.UNK, " ", "a", "b"), chars.vocabulary().tokens());

        Corpus exact = load(p, WORD.withMaxVocab(5)).corpus();
        assertEquals(-1, exact.stats().unkId());
        LstmshException e = assertThrows(LstmshException.class, () -> load(p, WORD.withMinCount(50)));
        assertTrue(e.getMessage().contains("leaves no token"), e.getMessage());
    }

    @Test
    void largeVocabulariesUseFourBytesPerToken() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            sb.append('w').append(Integer.toString(i, 36)).append(i % 10 == 9 ? '\n' : ' ');
        }
        Corpus c = load(write("big.txt", sb.toString()), WORD).corpus();
        assertEquals(4, c.tokens().bytesPerToken());
        assertEquals(70_001, c.vocabulary().size());
        assertEquals(sb.toString(), text(c));
        Corpus capped = load(dir.resolve("big.txt"), WORD.withMaxVocab(1000)).corpus();
        assertEquals(2, capped.tokens().bytesPerToken());
        assertEquals(1000, capped.vocabulary().size());
    }

    @Test
    void cacheHitsAndIsInvalidatedByChangesToFileOrSettings() throws IOException {
        String prose = EnglishLikeGenerator.generate(40_000, 9);
        Path p = write("cached.txt", prose);
        CorpusCache cache = new CorpusCache(dir.resolve("cache"), 0);
        CorpusLoader.Options options = CorpusLoader.Options.defaults().withCache(cache).withThreads(3);

        CorpusLoader.Loaded first = CorpusLoader.load(p.toString(), WORD, options);
        assertEquals(LoadReport.Cache.WRITING, first.report().cache());
        assertFalse(first.corpus().tokens().mapped());
        CorpusLoader.Loaded second = CorpusLoader.load(p.toString(), WORD, options);
        assertEquals(LoadReport.Cache.HIT, second.report().cache());
        assertTrue(second.corpus().tokens().mapped());
        assertEquals(first.corpus().vocabulary(), second.corpus().vocabulary());
        assertArrayEquals(first.corpus().tokens().toArray(), second.corpus().tokens().toArray());
        assertEquals(first.corpus().stats().endingShare(), second.corpus().stats().endingShare());
        assertArrayEquals(CorpusLoader.fromText("x", prose, WORD).tokens().toArray(), second.corpus().tokens().toArray());
        CorpusCache.awaitWrites();
        assertEquals(1, cache.entries().size());

        // Other settings: another entry; the validation share is not part of the key.
        assertEquals(LoadReport.Cache.WRITING, CorpusLoader.load(p.toString(), CHAR, options).report().cache());
        assertEquals(LoadReport.Cache.HIT,
                CorpusLoader.load(p.toString(), WORD.withValFraction(0.2), options).report().cache());
        assertEquals(LoadReport.Cache.WRITING,
                CorpusLoader.load(p.toString(), WORD.withMinCount(2), options).report().cache());
        CorpusCache.awaitWrites();
        assertEquals(3, cache.entries().size());

        // The same size and time but other bytes, then a new time: both are seen.
        byte[] changed = prose.replace("Chapter 1\n", "Chapter X\n").getBytes(StandardCharsets.UTF_8);
        FileTime time = Files.getLastModifiedTime(p);
        Files.write(p, changed);
        Files.setLastModifiedTime(p, time);
        CorpusLoader.Loaded edited = CorpusLoader.load(p.toString(), WORD, options);
        assertEquals(LoadReport.Cache.WRITING, edited.report().cache());
        assertNotEquals(first.corpus().vocabulary(), edited.corpus().vocabulary());
        Files.setLastModifiedTime(p, FileTime.fromMillis(time.toMillis() + 5000));
        assertEquals(LoadReport.Cache.WRITING, CorpusLoader.load(p.toString(), WORD, options).report().cache());
        assertEquals(LoadReport.Cache.HIT, CorpusLoader.load(p.toString(), WORD, options).report().cache());
        CorpusCache.awaitWrites();
        assertEquals(3, cache.entries().size());

        // A damaged entry is dropped and written again.
        for (CorpusCache.Entry e : cache.entries()) {
            Files.write(e.path(), new byte[] {1, 2, 3});
        }
        assertEquals(LoadReport.Cache.WRITING, CorpusLoader.load(p.toString(), WORD, options).report().cache());
        cache.clear();
        assertTrue(cache.entries().isEmpty());
    }

    @Test
    void theCacheKeepsIdsOfEveryWidth() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            many.append('w').append(Integer.toString(i, 36)).append(i % 10 == 9 ? '\n' : ' ');
        }
        Path prose = write("prose.txt", EnglishLikeGenerator.generate(20_000, 4));
        Path big = write("many.txt", many.toString());
        CorpusLoader.Options options = CorpusLoader.Options.defaults().withCache(new CorpusCache(dir.resolve("cache"), 0));
        Object[][] cases = {{prose, CHAR, 1}, {prose, WORD, 2}, {big, WORD, 4}};
        for (Object[] c : cases) {
            CorpusLoader.Loaded encoded = CorpusLoader.load(c[0].toString(), (CorpusSettings) c[1], options);
            CorpusCache.awaitWrites();
            CorpusLoader.Loaded mapped = CorpusLoader.load(c[0].toString(), (CorpusSettings) c[1], options);
            assertEquals(LoadReport.Cache.HIT, mapped.report().cache());
            assertEquals(c[2], mapped.corpus().tokens().bytesPerToken());
            assertArrayEquals(encoded.corpus().tokens().toArray(), mapped.corpus().tokens().toArray());
        }
    }

    @Test
    void smallSourcesAreNotCached() throws IOException {
        Path p = write("small.txt", "a small file\n".repeat(20));
        CorpusCache cache = new CorpusCache(dir.resolve("cache"), CorpusCache.MIN_BYTES);
        CorpusLoader.Loaded l = CorpusLoader.load(p.toString(), CHAR, CorpusLoader.Options.defaults().withCache(cache));
        assertEquals(LoadReport.Cache.OFF, l.report().cache());
        assertFalse(l.corpus().tokens().mapped());
        assertFalse(Files.exists(dir.resolve("cache")));
    }

    @Test
    void cancellingStopsTheLoad() throws IOException {
        Path p = write("c.txt", "some text\n".repeat(100));
        LstmshException e = assertThrows(LstmshException.class, () -> CorpusLoader.load(p.toString(), CHAR,
                CorpusLoader.Options.defaults().withCancel(() -> true)));
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
    }

    @Test
    void unknownEncodingIsAUserError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CHAR.withEncoding("klingon"));
        assertTrue(e.getMessage().startsWith("unknown encoding 'klingon'"));
        assertEquals(Charset.forName("windows-1252").name(), CHAR.withEncoding("cp1252").encoding());
    }

    @Test
    void partsReadInParallelGiveExactlyWhatOnePassGives() throws IOException {
        String prose = EnglishLikeGenerator.generate(120_000, 4);
        StringBuilder messy = new StringBuilder("\uFEFF");
        for (String line : prose.split("\n", -1)) {
            messy.append(line).append(line.length() % 3 == 0 ? "\r\n" : "\n");
            if (line.length() % 7 == 0) {
                messy.append("\n\n\n");
            }
        }
        byte[] bytes = messy.toString().getBytes(StandardCharsets.UTF_8);
        bytes[5000] = (byte) 0xFF;
        bytes[90_000] = (byte) 0xC3;
        write("par/a.txt", bytes);
        write("par/b.txt", prose.substring(0, 30_000));
        write("par/c.txt", "short one\n\n");
        for (Path p : List.of(dir.resolve("par/a.txt"), dir.resolve("par"))) {
            for (CorpusSettings s : List.of(CHAR, WORD, WORD.withMaxVocab(300).withLowercase(true))) {
                CorpusLoader.Loaded one = CorpusLoader.load(p.toString(), s, CorpusLoader.Options.defaults().withThreads(1));
                for (int threads : new int[] {2, 3, 7}) {
                    CorpusLoader.Loaded many = CorpusLoader.load(p.toString(), s,
                            CorpusLoader.Options.defaults().withThreads(threads));
                    String what = p.getFileName() + " " + s.level() + " threads " + threads;
                    assertEquals(one.corpus().vocabulary(), many.corpus().vocabulary(), what);
                    assertArrayEquals(one.corpus().tokens().toArray(), many.corpus().tokens().toArray(), what);
                    CorpusStats a = one.corpus().stats();
                    CorpusStats b = many.corpus().stats();
                    for (int id = 0; id < a.vocabularySize(); id++) {
                        assertEquals(a.count(id), b.count(id), what);
                        assertEquals(a.longestRun(id), b.longestRun(id), what + " run of " + id);
                    }
                    assertEquals(a.lines(), b.lines(), what);
                    assertEquals(a.commonEndingCount(), b.commonEndingCount(), what);
                    assertArrayEquals(a.commonEnding(), b.commonEnding(), what);
                    assertEquals(one.report().invalidBytes(), many.report().invalidBytes(), what);
                    assertEquals(one.report().firstInvalid(), many.report().firstInvalid(), what);
                    assertEquals(one.report().crlf(), many.report().crlf(), what);
                    assertEquals(one.report().byteOrderMarks(), many.report().byteOrderMarks(), what);
                    long[] out = new long[50];
                    many.corpus().tokens().copyTo(many.corpus().size() - 50, out, 0, 50);
                    assertEquals(one.corpus().tokens().get(one.corpus().size() - 1), out[49]);
                }
            }
        }
    }
}

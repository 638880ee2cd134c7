package lstmsh.corpus;

import lstmsh.LstmshException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a UTF-8 text file into a character-level {@link Corpus}. */
public final class CorpusLoader {

    private CorpusLoader() {}

    public static Corpus load(Path path, CorpusSettings settings) {
        if (!Files.exists(path)) {
            throw new LstmshException("no such file: " + path + " (try a file under corpora/)");
        }
        if (Files.isDirectory(path)) {
            throw new LstmshException(path + " is a directory; give a text file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new LstmshException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return fromText(path.toString(), decode(path, bytes), settings);
    }

    /** Encodes text already in memory; the same rules as a file. */
    public static Corpus fromText(String source, String text, CorpusSettings settings) {
        text = normalize(text);
        if (text.isEmpty()) {
            throw new LstmshException(source + " is empty; give a file with text in it");
        }
        int[] codePoints = text.codePoints().toArray();
        int[] distinct = Arrays.stream(codePoints).distinct().sorted().toArray();
        Vocabulary vocabulary = Vocabulary.ofCodePoints(distinct);
        int[] ids = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            ids[i] = Arrays.binarySearch(distinct, codePoints[i]);
        }
        Tokens tokens = Tokens.of(ids, ids.length, vocabulary.size());
        return Corpus.of(source, settings, CharTokenizer.INSTANCE, vocabulary, tokens);
    }

    /** Drops a byte-order mark and turns Windows and old Mac line endings into newlines. */
    static String normalize(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        return text;
    }

    private static String decode(Path path, byte[] bytes) {
        int nuls = 0;
        int probe = Math.min(bytes.length, 1 << 16);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                nuls++;
            }
        }
        if (probe > 0 && nuls * 100 > probe) {
            throw new LstmshException(
                    path + " looks binary (" + nuls + " NUL bytes in its first " + probe
                            + "); give a text file");
        }
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (MalformedInputException e) {
            throw new LstmshException(
                    path + " is not valid UTF-8 (first bad byte at offset " + in.position()
                            + "); convert it to UTF-8 first");
        } catch (CharacterCodingException e) {
            throw new LstmshException(path + " is not valid UTF-8: " + e.getMessage());
        }
    }
}

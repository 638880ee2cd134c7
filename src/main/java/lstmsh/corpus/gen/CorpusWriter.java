package lstmsh.corpus.gen;

import lstmsh.util.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the corpus {@code corpus generate} describes to a file. */
public final class CorpusWriter {

    private CorpusWriter() {}

    /** What was written. */
    public record Report(Path file, long characters, CorpusKind kind, long seed) {}

    /**
     * Writes the corpus to {@code file} in UTF-8, whole or not at all; a scenario's parameters are
     * checked before anything is written.
     */
    public static Report write(Path file, GenerateSettings settings) throws IOException {
        String text = settings.scenarioText();
        long[] written = new long[1];
        AtomicFiles.write(file, temporary -> {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                if (text == null) {
                    written[0] = EnglishLikeGenerator.write(out, settings.proseChars(), settings.seed());
                } else {
                    out.write(text);
                    written[0] = text.length();
                }
            }
        });
        return new Report(file, written[0], settings.kind(), settings.seed());
    }
}

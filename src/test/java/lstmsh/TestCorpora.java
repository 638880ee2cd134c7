package lstmsh;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small corpora and models with fixed seeds, shared by the tests. */
public final class TestCorpora {

    private TestCorpora() {}

    /** About 20k characters of generated prose. */
    public static Corpus prose() {
        return CorpusLoader.fromText(
                "prose", EnglishLikeGenerator.generate(20_000, 7), CorpusSettings.defaults());
    }

    /** Writes {@code chars} characters of generated prose to {@code file}, for commands that load a path. */
    public static Path proseFile(Path file, int chars, long seed) throws IOException {
        Files.writeString(file, EnglishLikeGenerator.generate(chars, seed), StandardCharsets.UTF_8);
        return file;
    }

    public static LstmLanguageModel smallModel(Corpus corpus, long seed) {
        return LstmLanguageModel.create(
                new ModelSettings(16, List.of(32, 32), 0f, seed),
                corpus.vocabulary(),
                corpus.tokenizer());
    }
}

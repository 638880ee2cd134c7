package lstmsh.command;

import lstmsh.corpus.gen.CorpusKind;
import lstmsh.corpus.gen.CorpusWriter;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.GenerateSettings;
import lstmsh.corpus.gen.ScenarioCorpora;
import lstmsh.session.Workspace;
import lstmsh.util.Format;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

@Command(
        name = "generate",
        description = {
            "Write a corpus the project generates itself, reproducible from a seed.",
            "prose: English-like chapters (--chars). imbalanced: MAJOR × \"" + ScenarioCorpora.MAJOR_LINE
                    + "\", MID × \"" + ScenarioCorpora.MID_LINE + "\", MINOR × \"" + ScenarioCorpora.MINOR_LINE
                    + "\", shuffled (--lines). constant-tail: lines of random letters ending in a run of dots "
                    + "(--sequences, --head, --tail). zipf: made-up words with Zipf-distributed frequencies "
                    + "(--vocab, --exponent, --words)."
        },
        footer = {"", "Example:", "  corpus generate corpora/tales.txt --kind prose --chars 1000000 --seed 1",
            "  corpus generate /tmp/cats.txt --kind imbalanced --lines 500,20,10",
            "  corpus generate /tmp/zipf.txt --kind zipf --vocab 5000 --exponent 1.5 --words 200000"})
public final class CorpusGenerateCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "OUT", description = "File to write (UTF-8).")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class, completionCandidates = KindCandidates.class,
            description = "prose, imbalanced, constant-tail or zipf (default: ${DEFAULT-VALUE}).")
    CorpusKind kind = GenerateSettings.DEFAULT_KIND;

    @Option(names = "--chars", paramLabel = "N",
            description = "prose: approximate size in characters (default: " + EnglishLikeGenerator.DEFAULT_CHARS + ").")
    Long chars;

    @Option(names = "--lines", paramLabel = "MAJOR,MID,MINOR",
            description = "imbalanced: how many of each of the three lines (default: " + ScenarioCorpora.DEFAULT_MAJOR
                    + "," + ScenarioCorpora.DEFAULT_MID + "," + ScenarioCorpora.DEFAULT_MINOR + ").")
    String lines;

    @Option(names = "--sequences", paramLabel = "N",
            description = "constant-tail: number of lines (default: " + ScenarioCorpora.DEFAULT_SEQUENCES + ").")
    Integer sequences;

    @Option(names = "--head", paramLabel = "N",
            description = "constant-tail: random letters per line (default: " + ScenarioCorpora.DEFAULT_HEAD + ").")
    Integer head;

    @Option(names = "--tail", paramLabel = "N",
            description = "constant-tail: dots ending each line (default: " + ScenarioCorpora.DEFAULT_TAIL + ").")
    Integer tail;

    @Option(names = "--vocab", paramLabel = "N",
            description = "zipf: distinct words (default: " + ScenarioCorpora.DEFAULT_ZIPF_VOCABULARY + ").")
    Integer vocab;

    @Option(names = "--exponent", paramLabel = "S",
            description = "zipf: the word of rank r has weight 1/r^S (default: " + ScenarioCorpora.DEFAULT_ZIPF_EXPONENT + ").")
    Double exponent;

    @Option(names = "--words", paramLabel = "N",
            description = "zipf: words to write (default: " + ScenarioCorpora.DEFAULT_ZIPF_WORDS + ").")
    Integer words;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + GenerateSettings.DEFAULT_SEED,
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public CorpusGenerateCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() throws IOException {
        CorpusWriter.Report written = CorpusWriter.write(out,
                new GenerateSettings(kind, chars, lines, sequences, head, tail, vocab, exponent, words, seed));
        out().printf("wrote %s (%s characters, %s corpus, seed %d)%n", written.file(), Format.count(written.characters()),
                written.kind(), written.seed());
    }

    static final class KindConverter implements ITypeConverter<CorpusKind> {
        @Override
        public CorpusKind convert(String value) {
            try {
                return CorpusKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class KindCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CorpusKind.names().iterator();
        }
    }
}

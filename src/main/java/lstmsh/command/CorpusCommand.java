package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.CorpusStats;
import lstmsh.corpus.Vocabulary;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.ScenarioCorpora;
import lstmsh.render.Format;
import lstmsh.shell.Figures;
import lstmsh.shell.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(
        name = "corpus",
        description = "Load, measure and generate text corpora.",
        subcommands = {
            CorpusCommand.Load.class,
            CorpusCommand.Stats.class,
            CorpusCommand.Generate.class
        },
        footer = {"", "Example:", "  corpus load corpora/tales.txt", "  corpus stats --top 15"})
public final class CorpusCommand extends WorkspaceCommand {

    public CorpusCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("corpus needs a subcommand: load, stats or generate (see 'help corpus')");
    }

    @Command(
            name = "load",
            description = "Read a UTF-8 text file as a character-level corpus (one token per Unicode code point).",
            footer = {"", "Example:", "  corpus load corpora/tales.txt --val-fraction 0.05"})
    public static final class Load extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "PATH", description = "The text file.")
        Path path;

        @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1",
                description = "Share of the text, from its end, held out for validation (default: ${DEFAULT-VALUE}).")
        double valFraction;

        @Option(names = "--split", paramLabel = "MODE", defaultValue = "stream",
                completionCandidates = SplitCandidates.class,
                description = "stream: train on the text as one stream; lines: each line its own sequence, in padded batches (default: ${DEFAULT-VALUE}).")
        CorpusSettings.Split split;

        public Load(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            Corpus corpus = CorpusLoader.load(path, new CorpusSettings(valFraction, split));
            workspace.setCorpus(corpus);
            summary(workspace, corpus);
            if (split == CorpusSettings.Split.LINES) {
                LineSummary.print(workspace, corpus);
            }
        }
    }

    @Command(
            name = "stats",
            description = "Show the loaded corpus' summary and its most frequent tokens.",
            footer = {"", "Example:", "  corpus stats --top 20"})
    public static final class Stats extends WorkspaceCommand {
        @Option(names = "--top", paramLabel = "N", defaultValue = "10",
                description = "How many of the most frequent tokens to list (default: ${DEFAULT-VALUE}).")
        int top;

        public Stats(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            Corpus corpus = workspace.requireCorpus();
            if (top < 0) {
                throw new LstmshException("--top must not be negative, got " + top);
            }
            summary(workspace, corpus);
            CorpusStats stats = corpus.stats();
            out().println("most frequent tokens:");
            out().println("  rank  token     share    count  longest run");
            int rank = 1;
            for (int id : stats.topTokens(top)) {
                out().printf("  %4d  %-8s %6.2f%% %8d  %d%n", rank++,
                        Vocabulary.display(corpus.vocabulary().token(id)), 100 * stats.share(id),
                        stats.count(id), stats.longestRun(id));
            }
        }
    }

    @Command(
            name = "generate",
            description = {
                "Write a corpus the project generates itself, reproducible from a seed.",
                "Kinds: prose (English-like chapters), imbalanced (500 × \"the cat is sleeping\", 20 × \"a dog is barking\", 10 × \"bird is flying\"), constant-tail (lines ending in a long run of dots), zipf (made-up words with Zipf-distributed frequencies)."
            },
            footer = {"", "Example:", "  corpus generate corpora/tales.txt --kind prose --chars 1000000 --seed 1"})
    public static final class Generate extends WorkspaceCommand {
        enum Kind { prose, imbalanced, constant_tail, zipf }

        @Parameters(index = "0", paramLabel = "OUT", description = "File to write (UTF-8).")
        Path out;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "prose",
                converter = KindConverter.class, completionCandidates = KindCandidates.class,
                description = "prose, imbalanced, constant-tail or zipf (default: ${DEFAULT-VALUE}).")
        Kind kind;

        @Option(names = "--chars", paramLabel = "N", defaultValue = "1000000",
                description = "Approximate size of prose, in characters (default: ${DEFAULT-VALUE}).")
        long chars;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        public Generate(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() throws IOException {
            String text;
            try {
                text = switch (kind) {
                    case prose -> EnglishLikeGenerator.generate(chars, seed);
                    case imbalanced -> ScenarioCorpora.imbalanced(seed);
                    case constant_tail -> ScenarioCorpora.constantTail(400, 30, 40, seed);
                    case zipf -> ScenarioCorpora.zipf(2000, 1.1, 100_000, seed);
                };
            } catch (IllegalArgumentException e) {
                throw new LstmshException(e.getMessage());
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
            out().printf("wrote %s (%s characters, %s corpus, seed %d)%n", out, Format.count(text.length()),
                    kind.name().replace('_', '-'), seed);
        }
    }

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Generate.Kind> {
        @Override
        public Generate.Kind convert(String value) {
            try {
                return Generate.Kind.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a corpus kind; use prose, imbalanced, constant-tail or zipf");
            }
        }
    }

    static final class SplitCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("stream", "lines").iterator();
        }
    }

    static final class KindCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("prose", "imbalanced", "constant-tail", "zipf").iterator();
        }
    }

    static void summary(Workspace workspace, Corpus corpus) {
        CorpusStats stats = corpus.stats();
        workspace.out().printf(
                "corpus %s: %s %s tokens, vocabulary %d, train %s / validation %s, unigram entropy %.3f bits/token%n",
                corpus.source(), Format.count(corpus.size()), corpus.tokenizer().level(),
                corpus.vocabulary().size(), Format.count(corpus.train().size()),
                Format.count(corpus.validation().size()), stats.unigramEntropyBits());
        Figures f = workspace.figures();
        f.put("corpus.tokens", corpus.size());
        f.put("corpus.vocab", corpus.vocabulary().size());
        f.put("corpus.unigram_entropy", stats.unigramEntropyBits());
        f.put("corpus.train_tokens", corpus.train().size());
        f.put("corpus.val_tokens", corpus.validation().size());
    }
}

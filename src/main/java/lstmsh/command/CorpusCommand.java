package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusCache;
import lstmsh.corpus.CorpusChecks;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.CorpusSource;
import lstmsh.corpus.CorpusStats;
import lstmsh.finding.Finding;
import lstmsh.corpus.LoadReport;
import lstmsh.corpus.Tokenizers;
import lstmsh.corpus.Vocabulary;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.corpus.gen.ScenarioCorpora;
import lstmsh.render.Console;
import lstmsh.util.Format;
import lstmsh.render.LiveLine;
import lstmsh.session.Figures;
import lstmsh.session.Workspace;
import lstmsh.train.TrainSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(
        name = "corpus",
        description = "Load, measure and generate text corpora.",
        subcommands = {
            CorpusCommand.Load.class,
            CorpusCommand.Stats.class,
            CorpusCommand.Generate.class,
            CorpusCommand.Cache.class
        },
        footer = {"", "Example:", "  corpus load corpora/tales.txt", "  corpus load notes/ --level word --lowercase --min-count 2",
            "  corpus stats --top 15"})
public final class CorpusCommand extends WorkspaceCommand {

    /** Warning code of a load that replaced invalid bytes. */
    public static final String INVALID_TEXT = "CORPUS_INVALID_TEXT";

    public CorpusCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("corpus needs a subcommand: load, stats, generate or cache (see 'help corpus')");
    }

    @Command(
            name = "load",
            description = {
                "Read text as a corpus: a file, every text file under a directory (in path order, hidden and binary "
                        + "files left out, <doc> between files), or the files a glob matches (\"data/*.txt\", \"notes/**/*.md\").",
                "char: one token per Unicode code point. word: words, punctuation marks and newlines; spaces only "
                        + "separate, so text comes back with one space between words, none before . , ; : ! ? ) or "
                        + "after (, and straight quotes curled (\" → “ ”).",
                "Always: CR LF and CR become a newline, a byte-order mark is dropped. Invalid bytes (up to 1%% of the "
                        + "text) become U+FFFD and are reported with where the first is; more, or a file that looks "
                        + "binary, is refused. On any failure the corpus you had stays loaded.",
                "Sources of " + (CorpusCache.MIN_BYTES >> 20) + " MB or more are cached encoded (in ~/.lstmsh/cache, or "
                        + "-Dlstmsh.cache=DIR / $LSTMSH_CACHE), so loading them again takes a moment; a changed file or "
                        + "other settings make a new entry."
            },
            footer = {"", "Example:", "  corpus load corpora/tales.txt --val-fraction 0.05",
                "  corpus load chats/ --level word --lowercase --max-vocab 20000"})
    public static final class Load extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "PATH", description = "A text file, a directory or a glob (quote it).")
        String path;

        @Option(names = "--level", paramLabel = "LEVEL", defaultValue = CorpusSettings.DEFAULT_LEVEL,
                completionCandidates = LevelCandidates.class,
                description = "char or word (default: ${DEFAULT-VALUE}).")
        String level;

        @Option(names = "--lowercase", description = "Lowercase the text first (default: off).")
        boolean lowercase;

        @Option(names = "--max-vocab", paramLabel = "N", defaultValue = "" + CorpusSettings.DEFAULT_MAX_VOCAB,
                description = "Keep at most N tokens, <unk> included; the rarer ones become <unk> (0: no limit) "
                        + "(default: ${DEFAULT-VALUE}).")
        int maxVocab;

        @Option(names = "--min-count", paramLabel = "N", defaultValue = "" + CorpusSettings.DEFAULT_MIN_COUNT,
                description = "Tokens seen fewer than N times become <unk> (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Option(names = "--encoding", paramLabel = "NAME", defaultValue = CorpusSettings.DEFAULT_ENCODING,
                description = "Character encoding of the files, e.g. windows-1252, ISO-8859-1, UTF-16 (default: ${DEFAULT-VALUE}).")
        String encoding;

        @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "" + CorpusSettings.DEFAULT_VAL_FRACTION,
                description = "Share of the text, from its end, held out for validation (default: ${DEFAULT-VALUE}).")
        double valFraction;

        @Option(names = "--no-cache", description = "Neither read nor write the cache of encoded corpora.")
        boolean noCache;

        @Option(names = "--split", paramLabel = "MODE", defaultValue = "stream",
                completionCandidates = SplitCandidates.class,
                description = "stream: train on the text as one stream; lines: each line its own sequence, in padded batches (default: ${DEFAULT-VALUE}).")
        CorpusSettings.Split split;

        public Load(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            CorpusSettings settings;
            try {
                settings = CorpusSettings.defaults()
                        .withValFraction(valFraction)
                        .withLevel(level)
                        .withLowercase(lowercase)
                        .withMaxVocab(maxVocab)
                        .withMinCount(minCount)
                        .withEncoding(encoding)
                        .withSplit(split);
            } catch (IllegalArgumentException e) {
                throw new LstmshException(e.getMessage());
            }
            workspace.cancel().reset();
            CorpusLoader.Loaded loaded;
            try (LoadProgress progress = new LoadProgress(workspace.console(), path)) {
                CorpusLoader.Options options = CorpusLoader.Options.defaults()
                        .withCache(noCache ? null : CorpusCache.standard())
                        .withMinTokens(TrainSettings.DEFAULT_SEQ + 1)
                        .withProgress(progress)
                        .withCancel(workspace.cancel()::isCancelled);
                loaded = CorpusLoader.load(path, settings, options);
            }
            workspace.setCorpus(loaded.corpus());
            Corpus corpus = loaded.corpus();
            summary(workspace, corpus);
            if (split == CorpusSettings.Split.LINES) {
                LineSummary.print(workspace, corpus);
            }
            List<String> codes = new ArrayList<>();
            report(loaded.report(), corpus, codes);
            for (Finding w : CorpusChecks.check(corpus)) {
                out().printf("warning %s: %s%n  advice: %s (see 'corpus stats')%n", w.name(), w.evidence(), w.fix());
                codes.add(w.name());
            }
            workspace.figures().setWarnings(codes);
        }

        private void report(LoadReport r, Corpus corpus, List<String> codes) {
            CorpusSource s = r.source();
            if (s.multi()) {
                out().printf("  %d files%s, separated by %s%n", s.files().size(), skipped(s), Vocabulary.DOC);
            }
            CorpusStats stats = corpus.stats();
            if (stats.unkId() >= 0) {
                out().printf("  %s stands for %s distinct tokens, %.2f%% of the corpus%n", Vocabulary.UNK,
                        Format.count(r.unkTypes()), 100 * stats.unkShare());
            }
            List<String> repairs = new ArrayList<>();
            if (r.crlf() > 0) {
                repairs.add(Format.count(r.crlf()) + " Windows line endings made newlines");
            }
            if (r.byteOrderMarks() > 0) {
                repairs.add(r.byteOrderMarks() + " byte-order mark" + (r.byteOrderMarks() > 1 ? "s" : "") + " dropped");
            }
            if (!repairs.isEmpty()) {
                out().println("  " + String.join(", ", repairs));
            }
            if (r.invalidBytes() > 0) {
                out().printf("warning %s: %,d invalid %s byte%s replaced by U+FFFD, the first at %s%n"
                                + "  advice: if the text is in another encoding, load it with --encoding NAME "
                                + "(e.g. windows-1252)%n", INVALID_TEXT, r.invalidBytes(), corpus.settings().encoding(),
                        r.invalidBytes() > 1 ? "s" : "", r.firstInvalid());
                codes.add(INVALID_TEXT);
            }
            switch (r.cache()) {
                case HIT -> out().printf("  read from the cache in %.2fs (%s tokens, mapped)%n", r.seconds(),
                        Format.count(corpus.size()));
                case WRITING -> out().printf("  read %s in %.1fs (%.0f MB/s); caching it in %s for next time%n",
                        bytes(r.bytes()), r.seconds(), r.megabytesPerSecond(), CorpusCache.standard().dir());
                case FAILED -> out().printf("  read %s in %.1fs (%.0f MB/s); not cached: %s%n", bytes(r.bytes()),
                        r.seconds(), r.megabytesPerSecond(), r.cacheNote());
                case OFF -> {
                    if (r.seconds() >= 1) {
                        out().printf("  read %s in %.1fs (%.0f MB/s)%n", bytes(r.bytes()), r.seconds(),
                                r.megabytesPerSecond());
                    }
                }
            }
        }

        private static String skipped(CorpusSource s) {
            List<String> parts = new ArrayList<>();
            if (s.skippedBinary() > 0) {
                parts.add(s.skippedBinary() + " binary");
            }
            if (s.skippedEmpty() > 0) {
                parts.add(s.skippedEmpty() + " empty");
            }
            return parts.isEmpty() ? "" : " (skipped " + String.join(", ", parts) + ")";
        }
    }

    @Command(
            name = "stats",
            description = {
                "Show what is in the loaded corpus: size, vocabulary, <unk> share, unigram entropy and its share of "
                        + "the maximum for the tokens seen, the longest run of one token, how many lines end the "
                        + "same way (last " + CorpusStats.CHAR_ENDING + " characters, or last " + CorpusStats.WORD_ENDING
                        + " words), and the most frequent tokens.",
                "Warns CORPUS_IMBALANCE when the entropy is below "
                        + (int) (100 * CorpusChecks.MIN_ENTROPY_RATIO) + "%% of the maximum, when the top token is "
                        + "more than " + (int) CorpusChecks.DOMINANCE + "× the second and at least "
                        + (int) (100 * CorpusChecks.DOMINANT_SHARE) + "%% of the corpus, or when more than "
                        + (int) (100 * CorpusChecks.ENDING_SHARE) + "%% of the lines (at least "
                        + CorpusChecks.ENDING_MIN_LINES + ") end the same way; CORPUS_UNK when <unk> is "
                        + "more than " + (int) (100 * CorpusChecks.MAX_UNK_SHARE) + "%% of the tokens.",
                "Figures: corpus.top_share, corpus.entropy_ratio, corpus.unk_share, corpus.ending_share, corpus.longest_run."
            },
            footer = {"", "Example:", "  corpus stats --top 20", "  expect warning CORPUS_IMBALANCE"})
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
            Vocabulary vocabulary = corpus.vocabulary();
            int seen = 0;
            for (int i = 0; i < stats.vocabularySize(); i++) {
                if (stats.count(i) > 0) {
                    seen++;
                }
            }
            out().printf("tokens %s (%s per token), vocabulary %d (%d seen), %s %.2f%%%n", Format.count(corpus.size()),
                    corpus.tokens().bytesPerToken() + (corpus.tokens().bytesPerToken() == 1 ? " byte" : " bytes"), vocabulary.size(), seen, Vocabulary.UNK,
                    100 * stats.unkShare());
            out().printf("unigram entropy %.3f bits/token, %.1f%% of the maximum (%.3f bits for %d tokens)%n",
                    stats.unigramEntropyBits(), 100 * stats.entropyRatio(), Math.log(Math.max(seen, 1)) / Math.log(2),
                    seen);
            int runToken = stats.longestRunToken();
            if (runToken >= 0) {
                out().printf("longest run of one token: %s × %d%n", display(vocabulary.token(runToken)),
                        stats.longestRun(runToken));
            }
            if (stats.lines() > 0) {
                out().printf("lines: %s non-empty; %.1f%% end in %s (the most common ending, last %d %s%s)%n",
                        Format.count(stats.lines()), 100 * stats.endingShare(),
                        quoted(CorpusChecks.ending(stats, vocabulary, corpus.tokenizer())), stats.endingLength(),
                        Tokenizers.baseLevel(corpus.tokenizer().level()).equals("word") ? "tokens" : "characters",
                        stats.endingExact() ? "" : ", at least");
            }
            out().println("most frequent tokens:");
            out().println("  rank  token     share    count  longest run");
            int rank = 1;
            for (int id : stats.topTokens(top)) {
                out().printf("  %4d  %-8s %6.2f%% %8d  %d%n", rank++, display(vocabulary.token(id)),
                        100 * stats.share(id), stats.count(id), stats.longestRun(id));
            }
            List<String> codes = new ArrayList<>();
            for (Finding w : CorpusChecks.check(corpus)) {
                out().printf("warning %s: %s%n  advice: %s%n", w.name(), w.evidence(), w.fix());
                codes.add(w.name());
            }
            if (codes.isEmpty()) {
                out().println("no imbalance found");
            }
            workspace.figures().setWarnings(codes);
        }
    }

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
    public static final class Generate extends WorkspaceCommand {
        enum Kind { prose, imbalanced, constant_tail, zipf }

        @Parameters(index = "0", paramLabel = "OUT", description = "File to write (UTF-8).")
        Path out;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "prose",
                converter = KindConverter.class, completionCandidates = KindCandidates.class,
                description = "prose, imbalanced, constant-tail or zipf (default: ${DEFAULT-VALUE}).")
        Kind kind;

        @Option(names = "--chars", paramLabel = "N",
                description = "prose: approximate size in characters (default: 1000000).")
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

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        public Generate(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() throws IOException {
            onlyFor(Kind.prose, "--chars", chars);
            onlyFor(Kind.imbalanced, "--lines", lines);
            onlyFor(Kind.constant_tail, "--sequences", sequences);
            onlyFor(Kind.constant_tail, "--head", head);
            onlyFor(Kind.constant_tail, "--tail", tail);
            onlyFor(Kind.zipf, "--vocab", vocab);
            onlyFor(Kind.zipf, "--exponent", exponent);
            onlyFor(Kind.zipf, "--words", words);
            int[] counts = lines == null ? null : counts(lines);
            String text = null;
            try {
                text = switch (kind) {
                    case prose -> {
                        if (chars != null && chars < 0) {
                            throw new IllegalArgumentException("--chars must not be negative, got " + chars);
                        }
                        yield null;
                    }
                    case imbalanced -> lines == null
                            ? ScenarioCorpora.imbalanced(seed)
                            : ScenarioCorpora.imbalanced(counts[0], counts[1], counts[2], seed);
                    case constant_tail -> ScenarioCorpora.constantTail(
                            or(sequences, ScenarioCorpora.DEFAULT_SEQUENCES), or(head, ScenarioCorpora.DEFAULT_HEAD),
                            or(tail, ScenarioCorpora.DEFAULT_TAIL), seed);
                    case zipf -> ScenarioCorpora.zipf(or(vocab, ScenarioCorpora.DEFAULT_ZIPF_VOCABULARY),
                            exponent == null ? ScenarioCorpora.DEFAULT_ZIPF_EXPONENT : exponent,
                            or(words, ScenarioCorpora.DEFAULT_ZIPF_WORDS), seed);
                };
            } catch (IllegalArgumentException e) {
                throw new LstmshException(e.getMessage());
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Written beside the target and renamed, so a failed run leaves no half file.
            Path temporary = Files.createTempFile(parent, "." + out.getFileName(), ".writing");
            long written;
            try {
                if (text == null) {
                    CountingWriter w = new CountingWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8));
                    try (w) {
                        EnglishLikeGenerator.write(w, chars == null ? 1_000_000 : chars, seed);
                    }
                    written = w.count;
                } else {
                    Files.writeString(temporary, text, StandardCharsets.UTF_8);
                    written = text.length();
                }
                Files.move(temporary, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            out().printf("wrote %s (%s characters, %s corpus, seed %d)%n", out, Format.count(written),
                    kind.name().replace('_', '-'), seed);
        }

        private void onlyFor(Kind k, String option, Object value) {
            if (value != null && kind != k) {
                throw new LstmshException(option + " applies to --kind " + k.name().replace('_', '-')
                        + ", not " + kind.name().replace('_', '-'));
            }
        }

        private static int[] counts(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length != 3) {
                throw new LstmshException("--lines takes three counts, MAJOR,MID,MINOR (e.g. 500,20,10), got '" + text + "'");
            }
            int[] out = new int[3];
            for (int i = 0; i < 3; i++) {
                try {
                    out[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new LstmshException("--lines takes three whole numbers, MAJOR,MID,MINOR (e.g. 500,20,10), got '" + text + "'");
                }
            }
            return out;
        }

        private static int or(Integer value, int fallback) {
            return value == null ? fallback : value;
        }
    }

    @Command(
            name = "cache",
            description = "Show the cache of encoded corpora, or empty it with --clear.",
            footer = {"", "Example:", "  corpus cache", "  corpus cache --clear"})
    public static final class Cache extends WorkspaceCommand {
        @Option(names = "--clear", description = "Delete every cached corpus.")
        boolean clear;

        public Cache(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() throws IOException {
            CorpusCache cache = CorpusCache.standard();
            List<CorpusCache.Entry> entries = cache.entries();
            long total = entries.stream().mapToLong(CorpusCache.Entry::bytes).sum();
            if (clear) {
                long freed = cache.clear();
                out().printf("removed %d cached corpora from %s (%s)%n", entries.size(), cache.dir(), bytes(freed));
                return;
            }
            out().printf("%s: %d cached corpora, %s (sources of %d MB or more are cached; the least recently used "
                    + "go past %d GB)%n", cache.dir(), entries.size(), bytes(total), cache.minBytes() >> 20,
                    CorpusCache.MAX_TOTAL_BYTES >> 30);
            for (CorpusCache.Entry e : entries) {
                out().printf("  %s  %s  last used %s%n", e.path().getFileName(), bytes(e.bytes()), e.lastUsed());
            }
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

    static final class LevelCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("char", "word").iterator();
        }
    }

    /** Counts characters written, so the report does not need the text in memory. */
    private static final class CountingWriter extends Writer {
        private final BufferedWriter out;
        long count;

        CountingWriter(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            count += len;
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            out.write(s, off, len);
            count += len;
        }

        @Override
        public void write(int c) throws IOException {
            out.write(c);
            count++;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Shows a progress line once a load has run for a few seconds; quick loads print nothing. */
    private static final class LoadProgress implements CorpusLoader.Progress, AutoCloseable {
        private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
        private final Console console;
        private final String name;
        private final long start = System.nanoTime();
        private LiveLine line;

        LoadProgress(Console console, String name) {
            this.console = console;
            this.name = name;
        }

        @Override
        public void update(String phase, long done, long total) {
            long elapsed = System.nanoTime() - start;
            if (elapsed < SHOW_AFTER_NANOS || total <= 0) {
                return;
            }
            if (line == null) {
                line = console.liveLine();
            }
            double fraction = Math.min(1, (double) done / total);
            int width = 20;
            int filled = (int) Math.round(fraction * width);
            String bar = "#".repeat(filled) + "-".repeat(width - filled);
            String amount = phase.equals("reading")
                    ? String.format("%s of %s  %.0f MB/s", bytes(done), bytes(total), done / 1e6 / (elapsed / 1e9))
                    : String.format("%s of %s tokens", Format.count(done), Format.count(total));
            line.update(String.format("%s %s [%s] %3.0f%%  %s", phase, name, bar, 100 * fraction, amount));
        }

        @Override
        public void close() {
            if (line != null) {
                line.close();
            }
        }
    }

    static String bytes(long n) {
        if (n >= 1e9) {
            return String.format("%.2f GB", n / 1e9);
        }
        if (n >= 1e6) {
            return String.format("%.1f MB", n / 1e6);
        }
        if (n >= 1e3) {
            return String.format("%.1f kB", n / 1e3);
        }
        return n + " bytes";
    }

    private static String display(String token) {
        return Vocabulary.display(token);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    static void summary(Workspace workspace, Corpus corpus) {
        CorpusStats stats = corpus.stats();
        String level = corpus.tokenizer().level();
        workspace.out().printf(
                "corpus %s: %s %s tokens%s, vocabulary %d, train %s / validation %s, unigram entropy %.3f bits/token%n",
                corpus.source(), Format.count(corpus.size()), Tokenizers.baseLevel(level),
                level.endsWith("lowercase") ? " (lowercased)" : "",
                corpus.vocabulary().size(), Format.count(corpus.train().size()),
                Format.count(corpus.validation().size()), stats.unigramEntropyBits());
        Figures f = workspace.figures();
        f.put("corpus.tokens", corpus.size());
        f.put("corpus.vocab", corpus.vocabulary().size());
        f.put("corpus.unigram_entropy", stats.unigramEntropyBits());
        f.put("corpus.train_tokens", corpus.train().size());
        f.put("corpus.val_tokens", corpus.validation().size());
        f.put("corpus.top_share", stats.topShare());
        f.put("corpus.entropy_ratio", stats.entropyRatio());
        f.put("corpus.unk_share", stats.unkShare());
        f.put("corpus.ending_share", stats.endingShare());
        int run = stats.longestRunToken();
        f.put("corpus.longest_run", run < 0 ? 0 : stats.longestRun(run));
    }
}

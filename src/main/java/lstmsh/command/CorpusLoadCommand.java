package lstmsh.command;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusCache;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.CorpusSource;
import lstmsh.corpus.LoadReport;
import lstmsh.corpus.Vocabulary;
import lstmsh.render.ProgressBar;
import lstmsh.session.Workspace;
import lstmsh.train.TrainSettings;
import lstmsh.util.Format;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

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
public final class CorpusLoadCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "PATH", description = "A text file, a directory or a glob (quote it).")
    String path;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = CorpusSettings.DEFAULT_LEVEL,
            completionCandidates = LevelCandidates.class,
            description = "char, word (spaces tidied, quotes curled) or word-verbatim (blanks and quotes kept as"
                    + " written: for code) (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--split", paramLabel = "MODE", completionCandidates = SplitCandidates.class,
            description = "stream: train on the text as one stream; lines: each line its own sequence, in padded batches (default: ${DEFAULT-VALUE}).")
    CorpusSettings.Split split = CorpusSettings.DEFAULT_SPLIT;

    public CorpusLoadCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        CorpusSettings settings = new CorpusSettings(valFraction, level, lowercase, maxVocab, minCount, encoding, split);
        workspace.cancel().reset();
        CorpusLoader.Loaded loaded;
        try (ProgressBar bar = new ProgressBar(workspace.console(), path)) {
            CorpusLoader.Options options = CorpusLoader.Options.defaults()
                    .withCache(noCache ? null : CorpusCache.standard())
                    .withMinTokens(TrainSettings.DEFAULT_SEQ + 1)
                    .withProgress((phase, done, total) -> bar.update(phase, done, total,
                            () -> amount(phase, done, total, bar.seconds())))
                    .withCancel(workspace.cancel()::isCancelled);
            loaded = CorpusLoader.load(path, settings, options);
        }
        Corpus corpus = loaded.corpus();
        workspace.setCorpus(corpus);
        CorpusCommand.summary(workspace, corpus);
        if (corpus.settings().split() == CorpusSettings.Split.LINES) {
            LineSummary.print(workspace, corpus);
        }
        report(loaded.report(), corpus);
        CorpusCommand.findings(workspace, loaded.findings());
    }

    private static String amount(String phase, long done, long total, double seconds) {
        return phase.equals(CorpusLoader.Progress.READING)
                ? String.format("%s of %s  %.0f MB/s", CorpusCommand.bytes(done), CorpusCommand.bytes(total),
                        done / 1e6 / seconds)
                : String.format("%s of %s tokens", Format.count(done), Format.count(total));
    }

    private void report(LoadReport r, Corpus corpus) {
        CorpusSource s = r.source();
        if (s.multi()) {
            out().printf("  %d files%s, separated by %s%n", s.files().size(), s.skippedNote(), Vocabulary.DOC);
        }
        if (corpus.stats().unkId() >= 0) {
            out().printf("  %s stands for %s distinct tokens, %.2f%% of the corpus%n", Vocabulary.UNK,
                    Format.count(r.unkTypes()), 100 * corpus.stats().unkShare());
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
        String read = String.format("read %s in %.1fs (%.0f MB/s)", CorpusCommand.bytes(r.bytes()), r.seconds(),
                r.megabytesPerSecond());
        switch (r.cache()) {
            case HIT -> out().printf("  read from the cache in %.2fs (%s tokens, mapped)%n", r.seconds(),
                    Format.count(corpus.size()));
            case WRITING -> out().printf("  %s; %s%n", read, writingNote(CorpusCache.standard().dir(), corpus.size(),
                    corpus.tokens().bytesPerToken()));
            case FAILED -> out().printf("  %s; not cached: %s%n", read, r.cacheNote());
            case OFF -> {
                if (r.seconds() >= 1) {
                    out().printf("  %s%n", read);
                }
            }
        }
    }

    /** Where the cache entry goes and how big it will be: mostly the ids, {@code width} bytes each. */
    static String writingNote(Path dir, long tokens, int width) {
        return String.format("caching it in %s for next time: an entry of about %s (%s tokens × %d byte%s;"
                + " 'corpus cache --clear' empties the cache, --no-cache skips it)", dir,
                CorpusCommand.bytes(CorpusCache.DATA_OFFSET + tokens * width), Format.count(tokens), width,
                width == 1 ? "" : "s");
    }

    static final class LevelCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CorpusSettings.LEVELS.iterator();
        }
    }

    static final class SplitCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(CorpusSettings.Split.values()).map(CorpusSettings.Split::toString).iterator();
        }
    }
}

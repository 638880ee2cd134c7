package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.Tokenizers;
import lstmsh.finding.Finding;
import lstmsh.session.Workspace;
import lstmsh.util.Format;

import picocli.CommandLine.Command;

import java.util.List;

@Command(
        name = "corpus",
        description = "Load, measure and generate text corpora.",
        subcommands = {
            CorpusLoadCommand.class,
            CorpusStatsCommand.class,
            CorpusGenerateCommand.class,
            CorpusCacheCommand.class
        },
        footer = {"", "Example:", "  corpus load corpora/tales.txt", "  corpus load notes/ --level word --lowercase --min-count 2",
            "  corpus stats --top 15"})
public final class CorpusCommand extends WorkspaceCommand {

    public CorpusCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("corpus needs a subcommand: load, stats, generate or cache (see 'help corpus')");
    }

    /** The line {@code corpus load} and {@code corpus stats} begin with; leaves the corpus figures for expect. */
    static void summary(Workspace workspace, Corpus corpus) {
        String level = corpus.tokenizer().level();
        workspace.out().printf(
                "corpus %s: %s %s tokens%s, vocabulary %d, train %s / validation %s, unigram entropy %.3f bits/token%n",
                corpus.source(), Format.count(corpus.size()), Tokenizers.baseLevel(level),
                level.endsWith("lowercase") ? " (lowercased)" : "",
                corpus.vocabulary().size(), Format.count(corpus.train().size()),
                Format.count(corpus.validation().size()), corpus.stats().unigramEntropyBits());
        corpus.figures().forEach(workspace.figures()::put);
    }

    /** Each finding and the command that tests its fix; their codes become the warnings expect checks. */
    static void findings(Workspace workspace, List<Finding> findings) {
        for (Finding f : findings) {
            workspace.out().printf("%s %s: %s%n  try: %s%n", f.severity().label(), f.name(), f.evidence(), f.fix());
        }
        workspace.figures().setWarnings(findings.stream().map(Finding::name).toList());
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
}

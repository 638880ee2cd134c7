package lstmsh.command;

import lstmsh.corpus.CorpusCache;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

@Command(
        name = "cache",
        description = "Show the cache of encoded corpora, or empty it with --clear.",
        footer = {"", "Example:", "  corpus cache", "  corpus cache --clear"})
public final class CorpusCacheCommand extends WorkspaceCommand {

    @Option(names = "--clear", description = "Delete every cached corpus.")
    boolean clear;

    public CorpusCacheCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() throws IOException {
        CorpusCache cache = CorpusCache.standard();
        List<CorpusCache.Entry> entries = cache.entries();
        long total = entries.stream().mapToLong(CorpusCache.Entry::bytes).sum();
        if (clear) {
            long freed = cache.clear();
            out().printf("removed %d cached corpora from %s (%s)%n", entries.size(), cache.dir(), CorpusCommand.bytes(freed));
            return;
        }
        out().printf("%s: %d cached corpora, %s (sources of %d MB or more are cached; the least recently used "
                + "go past %d GB)%n", cache.dir(), entries.size(), CorpusCommand.bytes(total), cache.minBytes() >> 20,
                CorpusCache.MAX_TOTAL_BYTES >> 30);
        for (CorpusCache.Entry e : entries) {
            out().printf("  %s  %s  last used %s%n", e.path().getFileName(), CorpusCommand.bytes(e.bytes()), e.lastUsed());
        }
    }
}

package lstmsh.command;

import lstmsh.sample.KnownTokens;
import lstmsh.sample.RepetitionScore;
import lstmsh.sample.RepetitionScore.SampleRepetition;
import lstmsh.sample.RepetitionScore.Window;
import lstmsh.sample.SampleReport;

import java.io.PrintWriter;
import java.util.Locale;

/** How {@code score --repetition} reads: rep/l and wrep/l beside the text's rate, then seq-rep-4 of samples. */
final class RepetitionView {

    private final PrintWriter out;

    RepetitionView(PrintWriter out) {
        this.out = out;
    }

    void print(RepetitionScore.Text text, RepetitionScore.Report r) {
        if (!text.skipped().isEmpty()) {
            out.println("warning: skipped tokens not in the vocabulary: " + KnownTokens.names(text.skipped()));
        }
        out.printf(Locale.ROOT, "%s, %d tokens read teacher-forced%s: loss %.4f nats/token%n", text.source(),
                r.tokens(), r.cancelled() ? " (stopped by Ctrl-C)" : "", r.loss());
        out.println("      l   rep/l  wrep/l   text's own   (share of positions whose prediction, or next token,"
                + " is among the previous l)");
        for (Window w : r.windows()) {
            out.printf(Locale.ROOT, "  %5d   %5.3f   %5.3f        %5.3f%n", w.length(), w.rep(), w.wrep(), w.textRep());
        }
        Window first = r.windows().get(0);
        out.printf(Locale.ROOT, "  the model predicts a token of the last %d %s often than the text repeats one"
                        + " (%.3f vs %.3f); %.0f%% of its repeats are wrong%n", first.length(),
                first.rep() > first.textRep() ? "more" : "less", first.rep(), first.textRep(),
                first.rep() == 0 ? 0 : 100 * first.wrep() / first.rep());
        String own = Double.isNaN(r.textSeqRep()) ? "the text is shorter than one window"
                : String.format(Locale.ROOT, "the text's own %s", SampleReport.ratio(r.textSeqRep()));
        out.printf("seq-rep-4 of %d-token samples (seed 1; %s):%n", RepetitionScore.SAMPLE_LENGTH, own);
        for (SampleRepetition s : r.samples()) {
            out.printf(Locale.ROOT, "  temperature %-5s %s%n", (float) s.temperature(), SampleReport.ratio(s.seqRep()));
        }
    }
}

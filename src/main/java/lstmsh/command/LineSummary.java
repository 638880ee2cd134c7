package lstmsh.command;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.LineSequences;
import lstmsh.util.Format;
import lstmsh.session.Workspace;
import lstmsh.train.TrainSettings;

/** What line mode will read: lines, their lengths and how many --seq would cut. */
final class LineSummary {

    private LineSummary() {}

    static void print(Workspace workspace, Corpus corpus) {
        int newline = corpus.vocabulary().id("\n");
        if (newline < 0) {
            workspace.out().println("note: the text has no line breaks, so --split lines reads it as one sequence; "
                    + "training will refuse it");
            return;
        }
        LineSequences lines = LineSequences.of(corpus.train(), newline, Integer.MAX_VALUE, false,
                corpus.validation().size() > 0);
        LineSequences cut = LineSequences.of(corpus.train(), newline, TrainSettings.DEFAULT_SEQ, false,
                corpus.validation().size() > 0);
        double mean = lines.lines() == 0 ? 0 : (double) lines.targets() / lines.lines();
        workspace.out().printf("lines: %s in training, mean %.1f tokens, longest %d (with its newline); %s longer than"
                        + " --seq %d are read in pieces%n",
                Format.count(lines.lines()), mean, lines.longest(), Format.count(cut.cutLines()),
                TrainSettings.DEFAULT_SEQ);
        workspace.figures().put("corpus.lines", lines.lines());
    }
}

package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.KnownTokens;
import lstmsh.sample.SamplingSettings.UnknownPolicy;
import lstmsh.session.Workspace;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;

@Command(
        name = "inspect",
        description = "Look inside the LSTM: output and states, final hidden states across inputs, gates.",
        subcommands = {InspectStateCommand.class, InspectHiddenCommand.class, InspectGatesCommand.class,
                InspectCellsCommand.class, InspectMatchCommand.class, InspectAblateCommand.class,
                InspectLoopCommand.class},
        footer = {"", "Example:", "  inspect state \"The cat\"", "  inspect hidden --from-corpus 8 --length 100",
                "  inspect gates \"Chapter 1\" --gate forget --png gates.png"})
public final class InspectCommand extends WorkspaceCommand {

    public InspectCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("inspect needs a subcommand: state, hidden, gates, cells, match, ablate or loop (see 'help inspect')");
    }

    /** Token ids of a typed text ({@code \n} understood), skipping (and naming) tokens the model does not know. */
    static int[] knownIds(Workspace workspace, LstmLanguageModel model, String text) {
        KnownTokens known = KnownTokens.of(model, StringEscapeUtils.unescapeJava(text), UnknownPolicy.SKIP, "the text");
        if (!known.skipped().isEmpty()) {
            workspace.out().println("note: skipped tokens not in the vocabulary: "
                    + String.join(" ", known.skipped().stream().map(Vocabulary::display).distinct().toList()));
        }
        if (known.ids().isEmpty()) {
            throw new LstmshException("the text has no token the model knows; give text in the corpus' alphabet");
        }
        return known.ids().stream().mapToInt(Integer::intValue).toArray();
    }
}

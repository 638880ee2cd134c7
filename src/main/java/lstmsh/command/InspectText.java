package lstmsh.command;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.Tokens;
import lstmsh.inspect.CellStates;
import lstmsh.model.LstmLanguageModel;
import lstmsh.sample.KnownTokens;
import lstmsh.sample.SamplingSettings.UnknownPolicy;
import lstmsh.sample.Scorer;
import lstmsh.session.Workspace;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** The text the cell commands run the model over: validation text by default, or --text or --file. */
public final class InspectText {

    static final int DEFAULT_TOKENS = 20_000;

    @Option(names = "--text", paramLabel = "TEXT", description = "Run over this text instead of validation text (\\n understood).")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "Run over this UTF-8 file instead of validation text.")
    Path file;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "" + DEFAULT_TOKENS,
            description = "Tokens to run over, from the start of validation text or of the file (default: ${DEFAULT-VALUE}).")
    int tokens;

    /** Token ids and what they are, in words. */
    record Source(int[] ids, String description) {}

    Source read(Workspace workspace, LstmLanguageModel model) {
        if (tokens < 2) {
            throw new LstmshException("--tokens must be at least 2, got " + tokens);
        }
        int limit = Math.min(tokens, CellStates.maxSteps(model.settings()));
        if (text != null && file != null) {
            throw new LstmshException("give --text or --file, not both");
        }
        if (text != null) {
            int[] ids = InspectCommand.knownIds(workspace, model, text);
            return new Source(ids, "the text given (" + ids.length + " tokens)");
        }
        if (file != null) {
            KnownTokens known = KnownTokens.of(model, Scorer.input(null, file), UnknownPolicy.SKIP, file.toString());
            if (known.ids().size() < 2) {
                throw new LstmshException(file + " has fewer than two tokens the model knows; give text in the corpus' alphabet");
            }
            int[] ids = known.ids().stream().limit(limit).mapToInt(Integer::intValue).toArray();
            String skipped = known.skipped().isEmpty() ? "" : ", " + known.skipped().size() + " unknown tokens skipped";
            return new Source(ids, String.format(Locale.ROOT, "%s (%,d tokens%s%s)", file, ids.length,
                    ids.length < known.ids().size() ? " from its start" : "", skipped));
        }
        Corpus corpus = workspace.requireCorpus();
        if (!corpus.vocabulary().equals(model.vocabulary())) {
            throw new LstmshException("the loaded corpus has another vocabulary than the model; load the model's corpus or give --text or --file");
        }
        Tokens validation = corpus.validation();
        boolean whole = validation.size() < 2;
        Tokens from = whole ? corpus.tokens() : validation;
        int[] ids = from.slice(0, Math.min(limit, from.size())).toArray();
        return new Source(ids, String.format(Locale.ROOT, "%,d tokens of %s", ids.length,
                whole ? "the corpus (it has no validation part)" : "validation text"));
    }
}

package lstmsh.sample;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Text split into the model's tokens: the ids it knows, the tokens it kept, and those the
 * vocabulary lacks, which are skipped or refused.
 */
public record KnownTokens(List<Integer> ids, List<String> kept, List<String> skipped) {

    /**
     * @param what how the error names the text, e.g. "the prime"
     */
    public static KnownTokens of(LstmLanguageModel model, String text, SamplingSettings.UnknownPolicy policy, String what) {
        Vocabulary vocabulary = model.vocabulary();
        List<Integer> ids = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String token : model.tokenizer().split(text)) {
            int id = vocabulary.id(token);
            if (id < 0) {
                skipped.add(token);
            } else {
                ids.add(id);
                kept.add(token);
            }
        }
        if (!skipped.isEmpty() && policy == SamplingSettings.UnknownPolicy.STOP) {
            throw new LstmshException(what + " has " + skipped.size() + " token(s) not in the vocabulary: "
                    + names(skipped) + "; remove them, or use --on-unknown skip");
        }
        return new KnownTokens(ids, kept, skipped);
    }

    /** Tokens as a user reads them, each once: 'é' '\n' ... */
    public static String names(List<String> tokens) {
        return String.join(" ", tokens.stream().distinct().map(t -> "'" + Vocabulary.display(t) + "'").toList());
    }
}

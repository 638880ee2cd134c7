package lstmsh.model;

import lstmsh.corpus.Tokenizer;
import lstmsh.corpus.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

/** Says, in one line, why a model and a corpus do not fit together; DJL's own errors here mislead. */
public final class Compatibility {

    private Compatibility() {}

    /** Null when the model can train on the corpus, else what differs and what to do. */
    public static String problem(LstmLanguageModel model, String modelSource, Tokenizer corpusTokenizer,
            Vocabulary corpusVocabulary, String corpusSource) {
        String from = modelSource == null || modelSource.isEmpty() ? "" : " (built on " + modelSource + ")";
        if (!model.tokenizer().level().equals(corpusTokenizer.level())) {
            return "the model" + from + " reads " + model.tokenizer().level() + " tokens but " + corpusSource
                    + " was loaded at " + corpusTokenizer.level() + " level; load the corpus at the model's level or run 'model new'";
        }
        Vocabulary mv = model.vocabulary();
        if (mv.equals(corpusVocabulary)) {
            return null;
        }
        Set<String> known = new HashSet<>(mv.tokens());
        Set<String> have = new HashSet<>(corpusVocabulary.tokens());
        List<String> unknown = new ArrayList<>();
        for (String t : corpusVocabulary.tokens()) {
            if (!known.contains(t)) {
                unknown.add(t);
            }
        }
        int unused = 0;
        for (String t : mv.tokens()) {
            if (!have.contains(t)) {
                unused++;
            }
        }
        StringBuilder what = new StringBuilder();
        if (unknown.isEmpty() && unused == 0) {
            what.append("the same ").append(mv.size()).append(" tokens in another order, so every id would mean another token");
        } else {
            what.append(mv.size()).append(" tokens vs ").append(corpusVocabulary.size());
            if (!unknown.isEmpty()) {
                what.append("; ").append(unknown.size()).append(" of the corpus' tokens are unknown to the model (")
                        .append(examples(unknown)).append(')');
            }
            if (unused > 0) {
                what.append("; ").append(unused).append(" of the model's are absent from the corpus");
            }
        }
        return "the model's vocabulary" + from + " differs from " + corpusSource + "'s: " + what
                + "; load the model's corpus, or run 'model new' for this one";
    }

    private static String examples(List<String> tokens) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(5, tokens.size()); i++) {
            shown.add("'" + Vocabulary.display(tokens.get(i)) + "'");
        }
        return String.join(", ", shown) + (tokens.size() > 5 ? ", ..." : "");
    }
}

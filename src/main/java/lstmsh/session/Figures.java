package lstmsh.session;

import lstmsh.util.LstmshException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named numbers commands leave behind ({@code train.loss}, {@code sample.entropy} ...) and
 * the warning codes of the last command that raised any, for {@code expect} to check.
 */
public final class Figures {

    private final Map<String, Double> values = new TreeMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    public void put(String name, double value) {
        values.put(name, value);
    }

    /** Replaces the warnings of the previous command that reported any. */
    public void setWarnings(List<String> codes) {
        warnings.clear();
        warnings.addAll(codes);
    }

    /**
     * Drops every figure whose producer (the part before the first dot) is one of {@code producers},
     * and the warnings: what they measured is gone.
     */
    public void forget(Set<String> producers) {
        values.keySet().removeIf(name -> producers.contains(name.substring(0, Math.max(0, name.indexOf('.')))));
        warnings.clear();
    }

    public Set<String> warnings() {
        return Collections.unmodifiableSet(warnings);
    }

    public Map<String, Double> all() {
        return Collections.unmodifiableMap(values);
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new LstmshException(unknown(name));
        }
        return v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    private String unknown(String name) {
        String producer = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        List<String> known = new ArrayList<>(values.keySet());
        known.addAll(KNOWN);
        String hint = Suggestions.closest(name, known).map(k -> "; did you mean " + k + "?")
                .orElse(KNOWN.contains(name)
                        ? "; run '" + producer + "' first"
                        : "; known figures: " + String.join(", ", KNOWN));
        return "no figure '" + name + "' yet" + hint;
    }

    /** Every figure some command can produce, for help and suggestions. */
    public static final List<String> KNOWN = List.of(
            "corpus.tokens", "corpus.vocab", "corpus.unigram_entropy", "corpus.train_tokens",
            "corpus.val_tokens", "model.params", "model.layers", "train.steps", "train.loss",
            "train.val_loss", "train.val_bits", "train.best_val_loss", "train.tok_per_s",
            "train.seconds", "sample.entropy", "sample.min_entropy", "sample.warnings",
            "sample.tokens", "sample.tok_per_s", "inspect.output_hn_diff", "inspect.lower_hn_diff", "inspect.max_similarity",
            "inspect.mean_similarity", "inspect.max_difference", "inspect.memory_horizon", "inspect.saturated_share",
            "inspect.recompute_error", "diagnose.findings", "device.gpus", "device.gpu", "corpus.top_share",
            "corpus.entropy_ratio", "corpus.unk_share", "corpus.ending_share", "corpus.longest_run",
            "train.best_step", "train.global_step", "train.lr", "train.stopped_early", "corpus.lines",
            "bench.matmul_gflops", "bench.lstm_tok_per_s", "bench.train_tok_per_s", "bench.train_ratio",
            "bench.rss_growth", "bench.rss_mb", "sample.model_entropy", "sample.perplexity",
            "sample.distinct1", "sample.distinct2", "sample.distinct3", "sample.copied_share",
            "sample.longest_copied", "score.tokens", "score.loss", "score.bits", "score.perplexity",
            "bench.sample_tok_per_s", "bench.sample_fused_tok_per_s", "bench.sample_scaling",
            "corpus.ngram_loss", "corpus.ngram_order",
            "cells.best_r", "cells.tracking_share", "cells.quote_r", "cells.column_r", "match.count", "match.units",
            "match.threshold", "match.best_jaccard", "ablate.delta_loss", "ablate.track_delta_loss", "ablate.end_delta_loss",
            "loop.period", "loop.repeats", "loop.attractor", "loop.state_return", "loop.entropy",
            "loop.escape_temperature", "loop.escape_top_p", "score.rep16", "score.wrep16", "score.text_rep16",
            "score.rep32", "score.wrep32", "score.text_rep32", "score.rep128", "score.wrep128", "score.text_rep128",
            "score.seq_rep4", "score.text_seq_rep4");
}

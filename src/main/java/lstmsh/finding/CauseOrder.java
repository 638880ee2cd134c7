package lstmsh.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders findings by likely cause: what makes the others happen comes first. A model that has not
 * learned (WORSE_THAN_UNIGRAM, its initialisation, its learning rate, too little training) explains
 * a collapsed state or a repetitive sample, and so does a skewed corpus; the states and the sample
 * are where the cause shows, so they come last. Findings above info precede info; codes not ranked
 * here follow the ranked ones.
 */
public final class CauseOrder {

    private static final List<FindingCode> RANK = List.of(
            FindingCode.CORPUS_INVALID_TEXT,
            FindingCode.WORSE_THAN_UNIGRAM,
            FindingCode.INIT_SCALE,
            FindingCode.LR_TOO_HIGH,
            FindingCode.NOT_CONVERGED,
            FindingCode.SMALL_HIDDEN,
            FindingCode.CORPUS_UNK,
            FindingCode.CORPUS_IMBALANCE,
            FindingCode.CONSTANT_TAIL,
            FindingCode.OVERFITTING,
            FindingCode.SATURATED_GATES,
            FindingCode.HIDDEN_COLLAPSE,
            FindingCode.NOISE,
            FindingCode.MEMORIZED,
            FindingCode.DOMINANT_TOKEN,
            FindingCode.LOW_ENTROPY,
            FindingCode.REPEAT_RUN,
            FindingCode.LOOP);

    private CauseOrder() {}

    /** The findings, above-info first, each group by likely cause, then by severity. */
    public static List<Finding> sort(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings);
        out.sort(Comparator.comparing((Finding f) -> !f.serious())
                .thenComparingInt(f -> rank(f.code()))
                .thenComparing(Comparator.comparing(Finding::severity).reversed()));
        return out;
    }

    /** The finding to fix first: the likeliest cause among those above info, when there is more than one code. */
    public static Optional<Finding> first(List<Finding> findings) {
        List<Finding> serious = sort(findings).stream().filter(Finding::serious).toList();
        boolean several = serious.stream().map(Finding::code).distinct().count() > 1;
        return several ? Optional.of(serious.get(0)) : Optional.empty();
    }

    private static int rank(FindingCode code) {
        int i = RANK.indexOf(code);
        return i < 0 ? RANK.size() : i;
    }
}

package lstmsh.finding;

import java.util.Arrays;
import java.util.List;

/**
 * Every finding lstmsh can raise, with what it looks at. {@code expect warning CODE}, the help
 * of {@code diagnose} and completion read this list, so a new code is added here once.
 */
public enum FindingCode {
    CORPUS_IMBALANCE(Area.CORPUS, "a few tokens dominate the corpus"),
    CORPUS_UNK(Area.CORPUS, "too many tokens fell outside the vocabulary"),
    CORPUS_INVALID_TEXT(Area.CORPUS, "bytes that are not text in the encoding were replaced (raised by corpus load)"),
    CONSTANT_TAIL(Area.CORPUS, "sequences end in the same long stretch, so their final states look alike"),
    SMALL_HIDDEN(Area.MODEL, "the hidden state is too small for the vocabulary"),
    INIT_SCALE(Area.MODEL, "weights far from the scale of a standard initialisation"),
    LR_TOO_HIGH(Area.TRAINING, "the loss jumps or rises: the learning rate is too high"),
    NOT_CONVERGED(Area.TRAINING, "the model has not learned enough yet: no better than an n-gram model of counts"),
    WORSE_THAN_UNIGRAM(Area.TRAINING, "the model predicts worse than token frequencies alone: fix this first"),
    OVERFITTING(Area.TRAINING, "validation loss rises while training loss falls"),
    HIDDEN_COLLAPSE(Area.STATE, "different inputs end in the same final state"),
    SATURATED_GATES(Area.STATE, "gates stuck at 0 or 1"),
    REPEAT_RUN(Area.SAMPLE, "one token repeated many times in a row"),
    LOOP(Area.SAMPLE, "the sample cycles through the same stretch"),
    DOMINANT_TOKEN(Area.SAMPLE, "one token takes far more of the sample than of the corpus"),
    LOW_ENTROPY(Area.SAMPLE, "the model is nearly certain at almost every step"),
    NOISE(Area.SAMPLE, "the sample is no better than tokens drawn at random: the model learned nothing yet"),
    MEMORIZED(Area.SAMPLE, "the sample copies long stretches of the corpus");

    /** What a finding is about. */
    public enum Area {
        CORPUS,
        MODEL,
        TRAINING,
        STATE,
        SAMPLE
    }

    private final Area area;
    private final String meaning;

    FindingCode(Area area, String meaning) {
        this.area = area;
        this.meaning = meaning;
    }

    public Area area() {
        return area;
    }

    /** One line on what the code means, for help. */
    public String meaning() {
        return meaning;
    }

    /** The codes of one area, in declaration order. */
    public static List<FindingCode> of(Area area) {
        return Arrays.stream(values()).filter(c -> c.area == area).toList();
    }

    /** Every code's name, for completion and checks of {@code expect warning}. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}

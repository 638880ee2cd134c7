package lstmsh.corpus.gen;

/**
 * What {@code corpus generate} writes: a kind, the parameters of that kind (null: the
 * generator's default) and a seed. A parameter of another kind is refused, so nothing given is
 * silently ignored.
 *
 * @param chars prose: about this many characters
 * @param lines imbalanced: how many of each of the three lines, as {@code MAJOR,MID,MINOR}
 * @param sequences constant-tail: number of lines
 * @param head constant-tail: random letters a line
 * @param tail constant-tail: dots ending each line
 * @param vocab zipf: distinct words
 * @param exponent zipf: the word of rank r has weight 1/r^exponent
 * @param words zipf: words to write
 */
public record GenerateSettings(
        CorpusKind kind,
        Long chars,
        String lines,
        Integer sequences,
        Integer head,
        Integer tail,
        Integer vocab,
        Double exponent,
        Integer words,
        long seed) {

    public static final CorpusKind DEFAULT_KIND = CorpusKind.PROSE;
    public static final long DEFAULT_SEED = 1;

    /** The counts of the imbalanced corpus's three lines. */
    public record Lines(int major, int mid, int minor) {
        public static final Lines DEFAULT = new Lines(ScenarioCorpora.DEFAULT_MAJOR, ScenarioCorpora.DEFAULT_MID,
                ScenarioCorpora.DEFAULT_MINOR);

        /** Three comma-separated counts, e.g. {@code 500,20,10}. */
        public static Lines parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        "--lines takes three counts, MAJOR,MID,MINOR (e.g. 500,20,10), got '" + text + "'");
            }
            int[] counts = new int[3];
            for (int i = 0; i < 3; i++) {
                try {
                    counts[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "--lines takes three whole numbers, MAJOR,MID,MINOR (e.g. 500,20,10), got '" + text + "'");
                }
            }
            return new Lines(counts[0], counts[1], counts[2]);
        }

        @Override
        public String toString() {
            return major + "," + mid + "," + minor;
        }
    }

    public GenerateSettings {
        onlyFor(kind, CorpusKind.PROSE, "--chars", chars);
        onlyFor(kind, CorpusKind.IMBALANCED, "--lines", lines);
        onlyFor(kind, CorpusKind.CONSTANT_TAIL, "--sequences", sequences);
        onlyFor(kind, CorpusKind.CONSTANT_TAIL, "--head", head);
        onlyFor(kind, CorpusKind.CONSTANT_TAIL, "--tail", tail);
        onlyFor(kind, CorpusKind.ZIPF, "--vocab", vocab);
        onlyFor(kind, CorpusKind.ZIPF, "--exponent", exponent);
        onlyFor(kind, CorpusKind.ZIPF, "--words", words);
        if (lines != null) {
            Lines.parse(lines);
        }
        if (chars != null && chars < 0) {
            throw new IllegalArgumentException("--chars must not be negative, got " + chars);
        }
    }

    /** The default corpus of a kind. */
    public static GenerateSettings of(CorpusKind kind, long seed) {
        return new GenerateSettings(kind, null, null, null, null, null, null, null, null, seed);
    }

    private static void onlyFor(CorpusKind kind, CorpusKind owner, String option, Object value) {
        if (value != null && kind != owner) {
            throw new IllegalArgumentException(option + " applies to --kind " + owner + ", not " + kind);
        }
    }

    /**
     * The text of a scenario kind, from its parameters or their defaults; null for prose, which
     * is written as it is made (see {@link CorpusWriter}) since it may be large.
     */
    public String scenarioText() {
        return switch (kind) {
            case PROSE -> null;
            case IMBALANCED -> {
                Lines l = lines == null ? Lines.DEFAULT : Lines.parse(lines);
                yield ScenarioCorpora.imbalanced(l.major(), l.mid(), l.minor(), seed);
            }
            case CONSTANT_TAIL -> ScenarioCorpora.constantTail(or(sequences, ScenarioCorpora.DEFAULT_SEQUENCES),
                    or(head, ScenarioCorpora.DEFAULT_HEAD), or(tail, ScenarioCorpora.DEFAULT_TAIL), seed);
            case ZIPF -> ScenarioCorpora.zipf(or(vocab, ScenarioCorpora.DEFAULT_ZIPF_VOCABULARY),
                    exponent == null ? ScenarioCorpora.DEFAULT_ZIPF_EXPONENT : exponent,
                    or(words, ScenarioCorpora.DEFAULT_ZIPF_WORDS), seed);
        };
    }

    /** Prose: the characters to aim for. */
    public long proseChars() {
        return chars == null ? EnglishLikeGenerator.DEFAULT_CHARS : chars;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

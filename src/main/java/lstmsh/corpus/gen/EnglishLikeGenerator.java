package lstmsh.corpus.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates English-like prose for training small character-level LSTMs.
 *
 * <p>The text is a series of numbered chapters. Each chapter has a heading line, a title line,
 * a fixed cast of three characters, a place and an object that recur throughout, narration in the
 * past tense, dialogue in the present tense, and a fixed closing line. The structure is deliberately
 * regular so that a small model shows visible progress within minutes.
 *
 * <p>Output is ASCII, wrapped at {@value #WIDTH} columns, paragraphs separated by one blank line,
 * and always ends in a newline. It is a pure function of {@code (targetChars, seed)}.
 */
public final class EnglishLikeGenerator {

    /** Lines never exceed this many characters. */
    public static final int WIDTH = 70;
    /** The size {@code corpus generate} writes when not told. */
    public static final long DEFAULT_CHARS = 1_000_000;

    private EnglishLikeGenerator() {
    }

    /**
     * Writes prose to {@code out}, stopping at the first paragraph boundary at or after
     * {@code targetChars} characters.
     *
     * @return the characters written
     * @throws IllegalArgumentException if {@code targetChars} is negative
     */
    public static long write(Appendable out, long targetChars, long seed) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("out must not be null");
        }
        if (targetChars < 0) {
            throw new IllegalArgumentException("targetChars must be >= 0, got " + targetChars);
        }
        Run run = new Run(out, targetChars, seed);
        run.run();
        return run.written;
    }

    /** Returns the text {@link #write} would produce. */
    public static String generate(long targetChars, long seed) {
        if (targetChars < 0) {
            throw new IllegalArgumentException("targetChars must be >= 0, got " + targetChars);
        }
        // Leave headroom for the final paragraph; a String cannot hold more than this anyway.
        if (targetChars > Integer.MAX_VALUE - 1_000_000L) {
            throw new IllegalArgumentException("targetChars too large for a String: " + targetChars);
        }
        StringBuilder sb = new StringBuilder((int) targetChars + 1024);
        try {
            write(sb, targetChars, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // StringBuilder never throws
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- vocabulary

    private record N(String one, String many) {
    }

    private record V(String base, String s, String past) {
    }

    private record P(String name, boolean female) {
        String he() {
            return female ? "she" : "he";
        }
    }

    private record NP(String text, boolean plural) {
    }

    private record Nature(NP np, V[] verbs) {
    }

    private static final N[] PEOPLE = nouns("farmer child/children man/men woman/women sailor boy girl "
            + "baker teacher soldier stranger fisherman/fishermen king queen doctor captain miller guard "
            + "neighbor traveler");
    private static final N[] ANIMALS = nouns("dog cat horse fox bird goat owl mouse/mice sheep/sheep "
            + "wolf/wolves crow rabbit");
    private static final N[] THINGS = nouns("lamp key box letter book boat rope map bell apple stone coin "
            + "basket candle coat hat bottle cup loaf/loaves knife/knives leaf/leaves flower shell ring "
            + "clock chair blanket kettle jar feather wheel ladder mirror drum whistle pencil umbrella "
            + "lantern envelope shoe bucket");
    private static final N[] SPOTS = nouns("table road shore wall roof floor path field window door gate "
            + "bench hill bridge fence tree well pond corner shelf/shelves");
    private static final String[] PLACES = words("harbor mill forest market castle valley lighthouse "
            + "garden station farm library island village orchard bakery school inn chapel meadow mountain");

    private static final String[] PERSON_ADJ = words("old young small little quiet loud tired happy sad "
            + "brave clever kind gentle strange lonely busy hungry sleepy tall short careful curious proud "
            + "silent wild calm pale");
    private static final String[] THING_ADJ = words("old small big little dark bright cold warm wet dry "
            + "green red blue white black brown golden silver heavy light empty full broken new wooden "
            + "rusty soft hard long narrow wide deep ancient secret hidden shiny dusty strange tiny");
    private static final String[] ITEM_ADJ = words("golden silver rusty wooden old secret broken red blue "
            + "green heavy ancient hidden shiny dusty little black white");
    private static final String[] FEEL = words("tired happy sad hungry sleepy cold warm afraid ready lost "
            + "glad sorry angry lonely busy calm proud curious late early");
    private static final String[] PLACE_ADJ = words("quiet busy empty dark cold warm crowded calm strange "
            + "silent lovely noisy");
    private static final String[] TIME_ADJ = words("cold warm quiet bright dark grey windy rainy foggy "
            + "still clear long");
    private static final String[] TIMES = words("morning afternoon evening night");

    private static final V[] INTRANSITIVE = verbs("walk run/ran sleep/slept sing/sang laugh wait smile "
            + "listen dance sit/sat stand/stood rest wander hurry whisper shout cry work read/read "
            + "write/wrote swim/swam climb fall/fell return jump dream think/thought sigh wake/woke");
    private static final V[] TRANSITIVE = verbs("find/found carry open hold/held take/took bring/brought "
            + "keep/kept drop/dropped lose/lost see/saw want need like fix paint mend buy/bought "
            + "sell/sold hide/hid touch clean watch lift throw/threw catch/caught count remember "
            + "forget/forgot wrap/wrapped fill break/broke borrow show");
    private static final String[] ITEM_VERBS = words("found lost carried hid held opened cleaned dropped "
            + "mended wrapped");

    private static final String[] ADV_LY = words("slowly quickly quietly softly loudly carefully gently "
            + "happily sadly silently bravely calmly eagerly patiently nervously proudly");
    private static final String[] NATURE_ADV = words("slowly softly gently quietly silently again");
    private static final String[] ADV_OTHER = {"again", "together", "alone", "for a while", "all day"};
    private static final String[] OPENERS = {"Suddenly", "Later", "Then", "Soon", "At last", "After a while",
        "That night", "In the morning", "Meanwhile", "Once again", "For a long time", "Without a word",
        "Before long"};
    private static final String[] MOVE_PREPS = words("on under behind near beside across along past toward "
            + "around over by");
    private static final String[] LOC_PREPS = words("on under behind near beside by");
    private static final Set<String> ADDRESSABLE = Set.of("Where", "Do", "Are", "Is", "Can", "Why", "What",
            "Look", "Come", "We", "It", "You");
    private static final String[] NUMBERS = words("two three four five six seven eight nine ten twelve");

    private static final P[] NAMES = names("Anna:f Ben:m Clara:f David:m Emma:f Felix:m Grace:f Henry:m "
            + "Iris:f Jack:m Kate:f Leo:m Mary:f Noah:m Olive:f Peter:m Rose:f Sam:m Lucy:f Tom:m Ruth:f "
            + "Oscar:m Nora:f Hugo:m Ella:f Max:m Mabel:f Victor:m Wendy:f Arthur:m");

    private static final Nature[] NATURE = {
        nature("wind", false, "blow/blew howl rise/rose drop/dropped"),
        nature("rain", false, "fall/fell stop/stopped return begin/began"),
        nature("sun", false, "shine/shone rise/rose set/set fade"),
        nature("moon", false, "shine/shone rise/rose glow vanish"),
        nature("river", false, "flow rise/rose shine/shone"),
        nature("sea", false, "roar rise/rose shine/shone"),
        nature("fog", false, "drift rise/rose lift fade"),
        nature("snow", false, "fall/fell drift melt"),
        nature("stars", true, "shine/shone glow fade appear"),
        nature("clouds", true, "drift gather move"),
        nature("waves", true, "roll crash rise/rose"),
        nature("leaves", true, "fall/fell rustle drift"),
    };

    private static String[] words(String spec) {
        return spec.trim().split("\\s+");
    }

    private static N[] nouns(String spec) {
        String[] t = words(spec);
        N[] r = new N[t.length];
        for (int i = 0; i < t.length; i++) {
            int c = t[i].indexOf('/');
            r[i] = c < 0 ? new N(t[i], suffixS(t[i])) : new N(t[i].substring(0, c), t[i].substring(c + 1));
        }
        return r;
    }

    private static V[] verbs(String spec) {
        String[] t = words(spec);
        V[] r = new V[t.length];
        for (int i = 0; i < t.length; i++) {
            int c = t[i].indexOf('/');
            String base = c < 0 ? t[i] : t[i].substring(0, c);
            String past = c < 0 ? regularPast(base) : t[i].substring(c + 1);
            r[i] = new V(base, suffixS(base), past);
        }
        return r;
    }

    private static P[] names(String spec) {
        String[] t = words(spec);
        P[] r = new P[t.length];
        for (int i = 0; i < t.length; i++) {
            int c = t[i].indexOf(':');
            r[i] = new P(t[i].substring(0, c), t[i].charAt(c + 1) == 'f');
        }
        return r;
    }

    private static Nature nature(String noun, boolean plural, String verbs) {
        return new Nature(new NP("the " + noun, plural), verbs(verbs));
    }

    /** Plural noun or third-person verb: box/boxes, carry/carries, go/goes. */
    private static String suffixS(String w) {
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")
                || w.endsWith("o")) {
            return w + "es";
        }
        if (w.endsWith("y") && w.length() > 1 && !isVowel(w.charAt(w.length() - 2))) {
            return w.substring(0, w.length() - 1) + "ies";
        }
        return w + "s";
    }

    private static String regularPast(String w) {
        if (w.endsWith("e")) {
            return w + "d";
        }
        if (w.endsWith("y") && w.length() > 1 && !isVowel(w.charAt(w.length() - 2))) {
            return w.substring(0, w.length() - 1) + "ied";
        }
        return w + "ed";
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    /** Indefinite article for the word that follows (the vocabulary avoids "hour"/"unit" cases). */
    private static String article(String next) {
        return isVowel(Character.toLowerCase(next.charAt(0))) ? "an" : "a";
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String titleCase(String s) {
        String[] w = s.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            boolean minor = i > 0 && (w[i].equals("the") || w[i].equals("and") || w[i].equals("at")
                    || w[i].equals("of") || w[i].equals("a") || w[i].equals("an"));
            sb.append(minor ? w[i] : cap(w[i]));
        }
        return sb.toString();
    }

    /** Greedy word wrap; every line, including the last, ends in a newline. */
    private static void wrap(String text, StringBuilder sb) {
        int col = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int j = text.indexOf(' ', i);
            if (j < 0) {
                j = n;
            }
            int len = j - i;
            if (len > 0) {
                if (col > 0 && col + 1 + len > WIDTH) {
                    sb.append('\n');
                    col = 0;
                } else if (col > 0) {
                    sb.append(' ');
                    col++;
                }
                sb.append(text, i, j);
                col += len;
            }
            i = j + 1;
        }
        sb.append('\n');
    }

    // ---------------------------------------------------------------- generation

    private static final class Run {
        private final Appendable out;
        private final long target;
        private final SplittableRandom rng;
        private final StringBuilder buf = new StringBuilder(1024);
        private long written;
        private boolean first = true;

        private int chapter;
        private P[] cast;
        private String place;
        private String item;
        private String timeAdj;
        private String time;
        private P focus;

        Run(Appendable out, long target, long seed) {
            this.out = out;
            this.target = target;
            this.rng = new SplittableRandom(seed);
        }

        void run() throws IOException {
            while (true) {
                chapter++;
                newChapter();
                block("Chapter " + chapter + "\n" + title() + "\n");
                if (para(opening())) {
                    return;
                }
                int scenes = 3 + rng.nextInt(5);
                for (int s = 0; s < scenes; s++) {
                    int narr = 1 + rng.nextInt(2);
                    for (int k = 0; k < narr; k++) {
                        if (para(narration(2 + rng.nextInt(4)))) {
                            return;
                        }
                    }
                    if (rng.nextInt(10) < 7 && conversation()) {
                        return;
                    }
                }
                if (para(closing())) {
                    return;
                }
                if (para("The End of Chapter " + chapter + ".")) {
                    return;
                }
            }
        }

        private void newChapter() {
            int a = rng.nextInt(NAMES.length);
            int b = (a + 1 + rng.nextInt(NAMES.length - 1)) % NAMES.length;
            int c;
            do {
                c = rng.nextInt(NAMES.length);
            } while (c == a || c == b);
            cast = new P[] {NAMES[a], NAMES[b], NAMES[c]};
            place = pick(PLACES);
            item = pick(ITEM_ADJ) + " " + pick(THINGS).one();
            timeAdj = pick(TIME_ADJ);
            time = pick(TIMES);
            focus = null;
        }

        private String title() {
            switch (rng.nextInt(4)) {
                case 0:
                    return "The " + titleCase(item);
                case 1:
                    return cast[0].name() + " and the " + titleCase(item);
                case 2:
                    return "The " + titleCase(item) + " at the " + titleCase(place);
                default:
                    return cap(article(timeAdj)) + " " + titleCase(timeAdj + " " + time) + " at the "
                            + titleCase(place);
            }
        }

        /** Writes one block (heading or paragraph), preceded by a blank line unless it is the first. */
        private void block(String text) throws IOException {
            if (!first) {
                out.append('\n');
                written++;
            }
            first = false;
            out.append(text);
            written += text.length();
        }

        /** Writes a wrapped paragraph; true once the target is reached. */
        private boolean para(String text) throws IOException {
            buf.setLength(0);
            wrap(text, buf);
            block(buf.toString());
            return written >= target;
        }

        // ------------------------------------------------------------ small pickers

        private String pick(String[] a) {
            return a[rng.nextInt(a.length)];
        }

        private <T> T pick(T[] a) {
            return a[rng.nextInt(a.length)];
        }

        private boolean chance(int percent) {
            return rng.nextInt(100) < percent;
        }

        private P castMember() {
            return cast[rng.nextInt(cast.length)];
        }

        private P otherThan(P p) {
            P q;
            do {
                q = castMember();
            } while (q == p);
            return q;
        }

        private String itemNp() {
            return "the " + item;
        }

        private NP np(N n, boolean plural, String[] adjs, int adjPercent) {
            String head = plural ? n.many() : n.one();
            String core = chance(adjPercent) ? pick(adjs) + " " + head : head;
            int r = rng.nextInt(10);
            if (!plural) {
                String det = r < 5 ? "the" : r < 9 ? article(core) : (r == 9 && chance(50) ? "this" : "that");
                return new NP(det + " " + core, false);
            }
            String det = r < 5 ? "the" : r < 7 ? pick(NUMBERS) : r < 8 ? "some" : r < 9 ? "a few" : "many";
            return new NP(det + " " + core, true);
        }

        private NP thing() {
            if (chance(12)) {
                return new NP(itemNp(), false);
            }
            return np(pick(THINGS), chance(30), THING_ADJ, 40);
        }

        private NP creature() {
            N n = chance(70) ? pick(PEOPLE) : pick(ANIMALS);
            return np(n, chance(30), PERSON_ADJ, 40);
        }

        private String spot() {
            N s = pick(SPOTS);
            return "the " + (chance(20) ? pick(THING_ADJ) + " " : "") + s.one();
        }

        // The chapter's place only takes prepositions that suit a building or area.
        private String placePp() {
            return pick(new String[] {"near", "behind", "outside", "beside"}) + " the " + place;
        }

        private String movePp() {
            return chance(15) ? placePp() : pick(MOVE_PREPS) + " " + spot();
        }

        private String locPp() {
            return chance(15) ? placePp() : pick(LOC_PREPS) + " " + spot();
        }

        private String adverb() {
            return chance(75) ? pick(ADV_LY) : pick(ADV_OTHER);
        }

        /** "a lamp, two keys, and the old map" with distinct nouns; plural tells the first item's number. */
        private NP list(int k) {
            StringBuilder sb = new StringBuilder();
            boolean firstPlural = false;
            String[] used = new String[k];
            for (int i = 0; i < k; i++) {
                NP t;
                String head;
                boolean dup;
                do {
                    t = thing();
                    head = t.text().substring(t.text().lastIndexOf(' ') + 1);
                    dup = false;
                    for (int j = 0; j < i; j++) {
                        dup |= used[j].equals(head);
                    }
                } while (dup);
                used[i] = head;
                if (i == 0) {
                    firstPlural = t.plural();
                } else {
                    sb.append(i == k - 1 ? ", and " : ", ");
                }
                sb.append(t.text());
            }
            return new NP(sb.toString(), firstPlural);
        }

        // ------------------------------------------------------------ narration (past tense)

        private NP subject() {
            int r = rng.nextInt(100);
            if (r < 45 || (r < 62 && focus == null)) {
                focus = castMember();
                return new NP(focus.name(), false);
            }
            if (r < 62) {
                return new NP(focus.he(), false);
            }
            if (r < 72) {
                P a = castMember();
                return new NP(a.name() + " and " + otherThan(a).name(), true);
            }
            return creature();
        }

        private String vpPast(NP subj) {
            int r = rng.nextInt(100);
            if (r < 25) {
                StringBuilder sb = new StringBuilder(pick(INTRANSITIVE).past());
                if (chance(50)) {
                    sb.append(' ').append(adverb());
                }
                if (chance(40)) {
                    sb.append(' ').append(movePp());
                }
                return sb.toString();
            }
            if (r < 50) {
                String vp = pick(TRANSITIVE).past() + " " + thing().text();
                return chance(30) ? vp + " " + locPp() : vp;
            }
            if (r < 62) {
                String vp = (subj.plural() ? "were " : "was ") + pick(PERSON_ADJ);
                return chance(20) ? vp + " and " + pick(PERSON_ADJ) : vp;
            }
            if (r < 74) {
                if (chance(20)) {
                    return "left the " + place;
                }
                return pick(new String[] {"walked", "went back", "hurried", "ran", "came", "returned"})
                        + " to the " + place;
            }
            if (r < 84) {
                switch (rng.nextInt(3)) {
                    case 0:
                        return "looked at " + thing().text();
                    case 1:
                        return "thought about " + itemNp();
                    default:
                        return "waited for " + castMember().name();
                }
            }
            String vp = pick(ITEM_VERBS) + " " + itemNp();
            return chance(40) ? vp + " " + locPp() : vp;
        }

        private String clause() {
            NP s = subject();
            return s.text() + " " + vpPast(s);
        }

        private String opener() {
            if (chance(25)) {
                return pick(new String[] {"At", "Near", "Back at", "Outside"}) + " the " + place;
            }
            return pick(OPENERS);
        }

        private String natureSentence() {
            Nature n = pick(NATURE);
            StringBuilder sb = new StringBuilder(n.np().text()).append(' ').append(pick(n.verbs()).past());
            int r = rng.nextInt(4);
            if (r == 0) {
                sb.append(' ').append(pick(NATURE_ADV));
            } else if (r == 1) {
                sb.append(" over the ").append(place);
            } else if (r == 2) {
                sb.append(" all ").append(time.equals("night") ? "night" : "day");
            }
            String s = sb.toString();
            return chance(30) ? "Outside, " + s + "." : cap(s) + ".";
        }

        private String sentence() {
            int r = rng.nextInt(100);
            if (r < 38) {
                return cap(clause()) + ".";
            }
            if (r < 50) {
                return opener() + ", " + clause() + ".";
            }
            if (r < 60) {
                return cap(clause()) + pick(new String[] {", and ", ", but ", ", so "}) + clause() + ".";
            }
            if (r < 65) {
                return cap(clause()) + "; " + clause() + ".";
            }
            if (r < 74) {
                int k = 3 + rng.nextInt(2);
                switch (rng.nextInt(3)) {
                    case 0: {
                        NP s = subject();
                        return cap(s.text()) + " "
                                + pick(new String[] {"carried", "found", "saw", "bought", "counted", "packed",
                                    "noticed"})
                                + " " + list(k).text() + ".";
                    }
                    case 1: {
                        NP l = list(k);
                        return "In the " + pick(new String[] {"box", "basket", "bag", "cupboard", "drawer"})
                                + " there " + (l.plural() ? "were " : "was ") + l.text() + ".";
                    }
                    default:
                        return "On the " + pick(SPOTS).one() + " lay " + list(k).text() + ".";
                }
            }
            if (r < 78) {
                NP s = subject();
                if (chance(50)) {
                    int k = 3 + rng.nextInt(2);
                    return cap(s.text()) + " had " + NUMBERS[k - 2] + " things: " + list(k).text() + ".";
                }
                return cap(s.text()) + " knew one thing: " + itemNp() + " was " + locPp() + ".";
            }
            if (r < 88) {
                return natureSentence();
            }
            if (r < 94) {
                NP t = thing();
                return "There " + (t.plural() ? "were " : "was ") + t.text() + " " + locPp() + ".";
            }
            if (r < 97) {
                switch (rng.nextInt(3)) {
                    case 0:
                        return "Where was " + itemNp() + "?";
                    case 1:
                        return "Who had taken " + itemNp() + "?";
                    default:
                        return "Why was " + castMember().name() + " so " + pick(PERSON_ADJ) + "?";
                }
            }
            return "What " + article(timeAdj) + " " + timeAdj + " " + time + " it was!";
        }

        private String narration(int sentences) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(sentence());
            }
            return sb.toString();
        }

        private String opening() {
            focus = cast[0];
            String intro;
            switch (rng.nextInt(3)) {
                case 0:
                    intro = cast[0].name() + " and " + cast[1].name() + " were at the " + place + " with "
                            + cast[2].name() + ".";
                    break;
                case 1:
                    intro = cast[0].name() + ", " + cast[1].name() + ", and " + cast[2].name()
                            + " had come to the " + place + ".";
                    break;
                default:
                    intro = cast[0].name() + " was waiting at the " + place + " for " + cast[1].name()
                            + " and " + cast[2].name() + ".";
                    break;
            }
            return "It was " + article(timeAdj) + " " + timeAdj + " " + time + " at the " + place + ". "
                    + intro + " " + narration(1 + rng.nextInt(3));
        }

        private String closing() {
            P p = castMember();
            focus = p;
            String middle = chance(50) ? narration(1) + " " : "";
            return "At last, " + p.name() + " left the " + place + ". " + middle + cap(itemNp()) + " was "
                    + pick(new String[] {"safe", "gone", "hidden", "forgotten", "home"}) + " at last.";
        }

        // ------------------------------------------------------------ dialogue (present tense)

        private String statement(P other) {
            switch (rng.nextInt(9)) {
                case 0:
                    return (chance(70) ? "I am " : "We are ") + pick(FEEL) + ".";
                case 1:
                    return (chance(70) ? "I " : "We ") + pick(TRANSITIVE).base() + " " + thing().text() + ".";
                case 2:
                    return other.name() + " " + pick(TRANSITIVE).s() + " " + thing().text() + ".";
                case 3:
                    return "The " + place + " is " + pick(PLACE_ADJ) + " "
                            + pick(new String[] {"today", "tonight", "again", "this " + time}) + ".";
                case 4:
                    return cap(itemNp()) + " is " + locPp() + ".";
                case 5:
                    return "We must " + pick(TRANSITIVE).base() + " " + itemNp() + ".";
                case 6:
                    return "It is too " + pick(TIME_ADJ) + " to " + pick(INTRANSITIVE).base() + ".";
                case 7: {
                    NP c = creature();
                    V v = pick(INTRANSITIVE);
                    return cap(c.text()) + " " + (c.plural() ? v.base() : v.s()) + " "
                            + pick(new String[] {"every day", "every night", "here", "at the " + place,
                                pick(ADV_LY)}) + ".";
                }
                default:
                    return "You " + pick(INTRANSITIVE).base() + " too " + pick(ADV_LY) + ".";
            }
        }

        private String question(P other) {
            switch (rng.nextInt(9)) {
                case 0:
                    return chance(60) ? "Where is " + itemNp() + "?" : "Where are the " + pick(THINGS).many() + "?";
                case 1:
                    return "Do you " + pick(TRANSITIVE).base() + " " + thing().text() + "?";
                case 2:
                    return "Does " + other.name() + " " + pick(TRANSITIVE).base() + " " + thing().text() + "?";
                case 3:
                    return chance(50) ? "Are you " + pick(FEEL) + "?" : "Is " + other.name() + " " + pick(FEEL) + "?";
                case 4: {
                    N n = pick(THINGS);
                    return chance(60) ? "Is the " + n.one() + " " + pick(THING_ADJ) + "?"
                            : "Are the " + n.many() + " " + pick(THING_ADJ) + "?";
                }
                case 5:
                    return "Why does " + other.name() + " " + pick(INTRANSITIVE).base() + " so " + pick(ADV_LY) + "?";
                case 6:
                    return chance(50) ? "Can we go to the " + place + "?"
                            : "Shall we " + pick(INTRANSITIVE).base() + " now?";
                case 7:
                    return "Who " + pick(TRANSITIVE).past() + " " + itemNp() + "?";
                default:
                    return "What is in the " + pick(THINGS).one() + "?";
            }
        }

        private String exclamation(P other) {
            switch (rng.nextInt(6)) {
                case 0: {
                    String adj = pick(THING_ADJ);
                    return "What " + article(adj) + " " + adj + " " + pick(THINGS).one() + "!";
                }
                case 1:
                    return "Look at the " + pick(chance(50) ? THINGS : ANIMALS).many() + "!";
                case 2:
                    return "Come to the " + place + " at once!";
                case 3:
                    return other.name() + ", " + pick(TRANSITIVE).base() + " " + thing().text() + "!";
                case 4:
                    return "How " + pick(THING_ADJ) + " the " + pick(THINGS).one() + " is!";
                default:
                    return "Oh no, " + itemNp() + " is gone!";
            }
        }

        private String spoken(P other) {
            int r = rng.nextInt(100);
            String s = r < 50 ? statement(other) : r < 80 ? question(other) : exclamation(other);
            // Addressing the listener by name, only where the first word may be lower-cased.
            if (chance(15) && ADDRESSABLE.contains(s.substring(0, s.indexOf(' ')))) {
                s = other.name() + ", " + Character.toLowerCase(s.charAt(0)) + s.substring(1);
            }
            return s;
        }

        private String tag(String s) {
            char end = s.charAt(s.length() - 1);
            if (end == '?') {
                return "asked";
            }
            if (end == '!') {
                return pick(new String[] {"cried", "shouted", "called"});
            }
            return pick(new String[] {"said", "said", "said", "replied", "whispered", "answered"});
        }

        private static String commaEnd(String s) {
            return s.endsWith(".") ? s.substring(0, s.length() - 1) + "," : s;
        }

        private String dialogueLine(P sp, P other, boolean midConversation) {
            String s = spoken(other);
            String t = tag(s);
            int r = rng.nextInt(100);
            if (r < 45 || (r >= 95 && !midConversation)) {
                return "\"" + commaEnd(s) + "\" " + t + " " + sp.name() + ".";
            }
            if (r < 58) {
                return "\"" + commaEnd(s) + "\" " + sp.he() + " " + t + ".";
            }
            if (r < 70) {
                return sp.name() + " " + t + ", \"" + s + "\"";
            }
            if (r < 85) {
                return "\"" + commaEnd(s) + "\" " + t + " " + sp.name() + ". \"" + spoken(other) + "\"";
            }
            if (r < 95) {
                String act = pick(new String[] {"smiled", "nodded", "sighed", "laughed", "frowned",
                    "looked at " + other.name()});
                return sp.name() + " " + act + ". \"" + s + "\"";
            }
            return "\"" + s + "\"";
        }

        /** Two cast members take turns; true once the target is reached. */
        private boolean conversation() throws IOException {
            P a = castMember();
            P b = otherThan(a);
            int lines = 2 + rng.nextInt(4);
            for (int k = 0; k < lines; k++) {
                P sp = (k & 1) == 0 ? a : b;
                if (para(dialogueLine(sp, sp == a ? b : a, k > 0))) {
                    return true;
                }
            }
            focus = (lines & 1) == 0 ? b : a;
            return false;
        }
    }
}

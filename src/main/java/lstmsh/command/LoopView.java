package lstmsh.command;

import lstmsh.inspect.LoopInspection;
import lstmsh.inspect.LoopInspection.LayerReturn;
import lstmsh.inspect.LoopInspection.Report;
import lstmsh.inspect.LoopInspection.Unit;
import lstmsh.sample.RepetitionDetector.Loop;
import lstmsh.sample.SamplingSettings;
import lstmsh.util.Texts;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code inspect loop} reads: the replay, the loop, the state's return, entropy, units, escape, verdict. */
final class LoopView {

    private final PrintWriter out;

    LoopView(PrintWriter out) {
        this.out = out;
    }

    void print(Report r, String origin, double seconds) {
        SamplingSettings s = r.settings();
        out.printf(Locale.ROOT, "replayed (%s): %s%n", origin, replay(s));
        Loop loop = r.loop();
        if (loop == null) {
            out.println("no loop: the replay raised neither LOOP nor REPEAT_RUN ("
                    + r.sample().metrics().tokens() + " tokens); nothing to explain");
            out.println("  try: " + fix(r));
            return;
        }
        out.printf(Locale.ROOT, "loop: a %d-token unit %s repeats %.1f times back to back from token %d (%d tokens of %d)%n",
                loop.period(), Texts.quoteShort(r.unitText(), 60), loop.repeats(), loop.start(), loop.length(),
                r.sample().tokens().length);
        List<String> layers = new ArrayList<>();
        for (LayerReturn l : r.returns()) {
            layers.add(String.format(Locale.ROOT, "layer %d %.4g (%.2f%% of |h|)", l.layer(), l.distance(),
                    100 * l.share()));
        }
        out.printf("state, |h_t - h_(t-%d)| at the loop's end: %s%n", loop.period(), String.join(", ", layers));
        out.println(r.attractor()
                ? "  every layer returns to where it was one period earlier: the state itself cycles (an attractor)"
                : "  the state does not return within " + (int) (100 * LoopInspection.RETURN_SHARE)
                        + "% in every layer: the text repeats while the state drifts");
        out.printf(Locale.ROOT, "entropy at temperature 1: %.3f bits/token along the loop%s%n", r.loopEntropyBits(),
                Double.isNaN(r.beforeEntropyBits()) ? " (it starts at once)"
                        : String.format(Locale.ROOT, ", %.3f before it", r.beforeEntropyBits()));
        out.printf("units that swing most along the loop (layer:unit  swing  |h_t - h_(t-p)|  mean forget  share > %s):%n",
                LoopInspection.SATURATED_FORGET);
        for (Unit u : r.units()) {
            out.printf(Locale.ROOT, "  %d:%-5d %6.3f %8.4f %12.3f %9.0f%%%s%n", u.layer(), u.unit(), u.swing(),
                    u.returnDistance(), u.forget(), 100 * u.rightSaturated(),
                    u.rightSaturated() >= 0.5 ? "  right-saturated: keeps its cell" : "");
        }
        out.printf(Locale.ROOT, "escape from inside the loop (%d draws each, the rest of the sample's length): %s%n",
                LoopInspection.ESCAPE_DRAWS, escape(r));
        out.println("verdict: " + r.verdict().words());
        out.println("  try: " + fix(r));
        out.printf(Locale.ROOT, "(%.1f s)%n", seconds);
    }

    private static String replay(SamplingSettings s) {
        return String.format(Locale.ROOT, "%d tokens, %s, seed %d%s", s.length(), s.describeDraw(), s.seed(),
                s.prime().isEmpty() ? ", from a newline" : ", prime " + Texts.quoteShort(s.prime(), 40));
    }

    private static String escape(Report r) {
        if (Double.isNaN(r.escapeTemperature())) {
            return "no temperature up to " + LoopInspection.TEMPERATURES[LoopInspection.TEMPERATURES.length - 1]
                    + " leaves it";
        }
        String topP = Double.isNaN(r.escapeTopP()) ? ""
                : "; at temperature 1, lowest top-p " + trim(r.escapeTopP());
        return "lowest temperature " + trim(r.escapeTemperature()) + topP;
    }

    /** The command that tests the verdict, runnable as printed. */
    private static String fix(Report r) {
        SamplingSettings s = r.settings();
        String same = String.format(Locale.ROOT, " --length %d --seed %d%s", s.length(), s.seed(),
                s.prime().isEmpty() ? "" : " --prime " + Texts.quote(s.prime()));
        return switch (r.verdict()) {
            case TOO_GREEDY -> "sample --temperature " + trim(r.escapeTemperature()) + same;
            case CHANCE -> "sample --temperature " + trim(s.temperature()) + " --length " + s.length() + " --seed "
                    + (s.seed() + 1) + (s.prime().isEmpty() ? "" : " --prime " + Texts.quote(s.prime()));
            case ATTRACTOR -> "train --steps 1000";
            case NO_LOOP -> "inspect loop --greedy --length " + Math.max(s.length(), InspectLoopCommand.FIRST_LENGTH);
        };
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%s", (float) v);
    }
}

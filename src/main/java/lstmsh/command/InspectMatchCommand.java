package lstmsh.command;

import lstmsh.inspect.CellStates;
import lstmsh.inspect.CellTracks;
import lstmsh.inspect.StateMatch;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;
import lstmsh.util.LstmshException;
import lstmsh.util.Texts;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Command(
        name = "match",
        description = "Select and match, as LSTMVis does: the units whose h is on (>= the threshold) at every step of"
                + " SPAN (its first occurrence in the text), then the other stretches where at least half of those"
                + " units stay on, ranked by units shared, then fewest extra units on, then length closest to"
                + " SPAN's, with their overlap (Jaccard: shared / all units on in either).",
        footer = {"", "Example:", "  inspect match \"Chapter\"", "  inspect match \"said\" --threshold 0.3 --layers 1 --top 5"})
public final class InspectMatchCommand extends WorkspaceCommand {

    /** Characters of context shown on each side of a match. */
    private static final int CONTEXT = 24;
    /** Selected units listed by name; the rest are counted. */
    private static final int UNITS_SHOWN = 16;

    @Parameters(index = "0", paramLabel = "SPAN", description = "Text to select (\\n understood); it must occur in the text run over.")
    String span;

    @Mixin
    InspectText source;

    @Option(names = "--threshold", paramLabel = "X",
            description = "A unit is on when its h is at least X (default: chosen so one value in ten is on, and said).")
    Double threshold;

    @Option(names = "--layers", paramLabel = "all|L,L", defaultValue = "all", description = "Layers whose units take part (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--off-before", description = "Select only units that are off at the step before SPAN (units that switch on with it).")
    boolean offBefore;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Matches shown (default: ${DEFAULT-VALUE}).")
    int top;

    public InspectMatchCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        if (top < 1) {
            throw new LstmshException("--top must be at least 1, got " + top);
        }
        List<Integer> chosenLayers = layers(model.settings().layers());
        InspectText.Source text = source.read(workspace, model);
        CellTracks.Text pieces = CellTracks.Text.of(model.tokenizer(), model.vocabulary(), text.ids());
        String wanted = StringEscapeUtils.unescapeJava(span);
        int[] at = pieces.locate(wanted);
        if (at == null) {
            throw new LstmshException(Texts.quote(wanted) + " does not occur in " + text.description()
                    + "; give a span of that text, or the text with --text");
        }
        CellStates.Recording recording = CellStates.record(model, text.ids());
        boolean chosen = threshold == null;
        double level = chosen ? StateMatch.chooseThreshold(recording, chosenLayers) : threshold;
        StateMatch.Report r = StateMatch.of(recording, chosenLayers, level, chosen, at[0], at[1], offBefore);
        out().printf(Locale.ROOT, "span %s: tokens %d-%d of %s%n", Texts.quote(pieces.between(at[0], at[1])), at[0],
                at[1] - 1, text.description());
        out().printf(Locale.ROOT, "threshold %.2f%s%n", level, chosen
                ? String.format(Locale.ROOT, " (no --threshold: %.0f%% of the h values of layer%s %s are at or above it)",
                        100 * StateMatch.ON_SHARE, chosenLayers.size() == 1 ? "" : "s", layerList(chosenLayers))
                : "");
        String names = r.selected().stream().limit(UNITS_SHOWN).map(StateMatch.Unit::label).collect(Collectors.joining(" "));
        out().printf("%d of %d units on across the span%s%s%n", r.selected().size(), r.units().size(),
                offBefore ? " and off just before it" : "",
                r.selected().isEmpty() ? "" : ": " + names + (r.selected().size() > UNITS_SHOWN ? " ..." : ""));
        if (r.selected().isEmpty()) {
            out().println("no match to look for; try a lower --threshold" + (offBefore ? " or leave out --off-before" : "")
                    + " or a shorter span");
        } else {
            out().printf("%d stretches where at least half of them stay on; the best %d:%n", r.matches().size(),
                    Math.min(top, r.matches().size()));
            out().println("  rank  shared  extra  jaccard  tokens  context");
            for (int i = 0; i < Math.min(top, r.matches().size()); i++) {
                StateMatch.Match m = r.matches().get(i);
                out().printf(Locale.ROOT, "  %4d  %6d  %5d  %7.2f  %6d  %s%n", i + 1, m.shared(), m.extra(), m.jaccard(),
                        m.length(), context(pieces, m, workspace.console().color()));
            }
        }
        workspace.figures().put("match.count", r.matches().size());
        workspace.figures().put("match.units", r.selected().size());
        workspace.figures().put("match.threshold", level);
        workspace.figures().put("match.best_jaccard", r.matches().isEmpty() ? 0 : r.matches().get(0).jaccard());
    }

    private List<Integer> layers(int count) {
        List<Integer> out = new ArrayList<>();
        if (layers.equals("all")) {
            for (int l = 0; l < count; l++) {
                out.add(l);
            }
            return out;
        }
        for (String part : layers.split(",")) {
            try {
                int l = Integer.parseInt(part.trim());
                if (l < 0 || l >= count) {
                    throw new LstmshException("--layers: the model has layers 0.." + (count - 1) + ", got " + l);
                }
                if (!out.contains(l)) {
                    out.add(l);
                }
            } catch (NumberFormatException e) {
                throw new LstmshException("--layers wants all or layer numbers like 0,1, got '" + layers + "'");
            }
        }
        return out;
    }

    private static String layerList(List<Integer> layers) {
        return layers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The match in [brackets] (or highlighted) between some text on each side, on one line. */
    private static String context(CellTracks.Text pieces, StateMatch.Match m, boolean colour) {
        String text = pieces.text();
        int from = pieces.starts()[m.start()];
        int to = pieces.ends()[m.end() - 1];
        String before = Texts.visible(text.substring(Math.max(0, from - CONTEXT), from));
        String inside = Texts.abbreviate(Texts.visible(text.substring(from, to)), 3 * CONTEXT);
        String after = Texts.visible(text.substring(to, Math.min(text.length(), to + CONTEXT)));
        return before + (colour ? "\u001b[1;7m" + inside + "\u001b[0m" : "[" + inside + "]") + after;
    }
}

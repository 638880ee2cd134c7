package lstmsh.command;

import lstmsh.inspect.Ablation;
import lstmsh.inspect.CellCorrelation;
import lstmsh.inspect.CellStates;
import lstmsh.inspect.CellTracks;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.ActivationStrip;
import lstmsh.session.Workspace;
import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(
        name = "cells",
        description = "Find the units that follow something in the text: run the model over validation text,"
                + " correlate every unit's h and c in every layer with tracks computed from the text (inside quotes,"
                + " bracket depth, position in the line, ...) and list the best units per track, and the share of"
                + " units with |r| >= " + CellCorrelation.TRACKING_R + " for some track. --show L:U TEXT shades a"
                + " text by one unit.",
        footer = {"", "Example:", "  inspect cells", "  inspect cells --track number='[0-9]+' --tokens 40000",
                "  inspect cells --show 1:17 \"He said \\\"Stop!\\\" and left.\" --png cell.png"})
public final class InspectCellsCommand extends WorkspaceCommand {

    /** Characters per line of the shaded text. */
    private static final int STRIP_WIDTH = 100;

    @Mixin
    InspectText source;

    @Option(names = "--track", paramLabel = "NAME=REGEX",
            description = "Also correlate with your own track: on inside each match of REGEX (repeatable).")
    List<String> tracks = new ArrayList<>();

    @Option(names = "--show", arity = "2", paramLabel = "L:U TEXT",
            description = "Show TEXT shaded by unit U of layer L instead (colours, or digits 0-9 for -1..+1 on plain terminals).")
    List<String> show;

    @Option(names = "--cell", description = "With --show: shade by tanh(c) instead of h.")
    boolean cell;

    @Option(names = "--png", paramLabel = "FILE", description = "With --show: also draw the shaded text as a PNG picture.")
    Path png;

    public InspectCellsCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() throws IOException {
        LstmLanguageModel model = workspace.requireModel();
        if (show == null && (png != null || cell)) {
            throw new LstmshException((png != null ? "--png" : "--cell") + " goes with --show L:U TEXT");
        }
        if (show != null) {
            show(model);
            return;
        }
        InspectText.Source text = source.read(workspace, model);
        long started = System.nanoTime();
        CellStates.Recording recording = CellStates.record(model, text.ids());
        CellTracks.Text pieces = CellTracks.Text.of(model.tokenizer(), model.vocabulary(), text.ids());
        List<CellTracks.Track> all = new ArrayList<>(CellTracks.standard(pieces));
        for (String definition : tracks) {
            all.add(CellTracks.custom(definition, pieces));
        }
        CellCorrelation.Report r = CellCorrelation.of(recording, all);
        double seconds = (System.nanoTime() - started) / 1e9;
        out().printf(Locale.ROOT, "cells of %d layer%s (%s units) over %s, %.1f s%n", model.settings().layers(),
                model.settings().layers() == 1 ? "" : "s", model.settings().hidden().toString().replaceAll("[\\[\\] ]", ""),
                text.description(), seconds);
        out().println("  track              follows                                       best units: layer:unit state r");
        for (CellCorrelation.TrackResult t : r.tracks()) {
            StringBuilder best = new StringBuilder();
            for (CellCorrelation.UnitScore u : t.best()) {
                best.append(String.format(Locale.ROOT, "  %-7s %s %+.2f", u.label(), u.state().name().toLowerCase(Locale.ROOT), u.r()));
            }
            out().printf("  %-18s %-44s%s%n", t.track().name(), t.track().meaning(), best);
        }
        if (!r.absent().isEmpty()) {
            out().println("  not in this text (never changes): " + String.join(", ", r.absent()));
        }
        out().printf(Locale.ROOT, "%d of %d units (%.1f%%) follow some track with |r| >= %.1f; the strongest |r| is %.2f%n",
                r.tracking(), r.units(), 100 * r.trackingShare(), CellCorrelation.TRACKING_R, r.bestR());
        r.tracks().stream().filter(t -> !t.best().isEmpty()).max((a, b) -> Double.compare(Math.abs(a.bestR()), Math.abs(b.bestR())))
                .ifPresent(t -> out().printf("try: inspect ablate %s --track %s   (does the model need it?)%n",
                        t.best().get(0).label(), t.track().name()));
        workspace.figures().put("cells.best_r", r.bestR());
        workspace.figures().put("cells.tracking_share", r.trackingShare());
        for (CellCorrelation.TrackResult t : r.tracks()) {
            switch (t.track().name()) {
                case "quote" -> workspace.figures().put("cells.quote_r", Math.abs(t.bestR()));
                case "column" -> workspace.figures().put("cells.column_r", Math.abs(t.bestR()));
                default -> { }
            }
        }
    }

    private void show(LstmLanguageModel model) throws IOException {
        if (png != null) {
            OutputFiles.requireFileTarget(png, "--png");
        }
        int[] unit = Ablation.parseUnit(show.get(0), model.settings());
        int[] ids = InspectCommand.knownIds(workspace, model, show.get(1));
        CellStates.Layer layer = CellStates.record(model, ids).layer(unit[0]);
        float[] values = cell ? tanh(layer.c()[unit[1]]) : layer.h()[unit[1]];
        List<String> pieces = model.tokenizer().pieces(model.vocabulary(), ids);
        String what = (cell ? "tanh(c)" : "h") + " of unit " + show.get(0);
        int width = Math.min(STRIP_WIDTH, workspace.console().width() - 2);
        if (workspace.console().color()) {
            out().println(what + ", blue -1, white 0, red +1:");
            ActivationStrip.coloured(pieces, values, width).forEach(line -> out().println("  " + line));
        } else {
            out().println(what + ", digit under each character: 0 is -1, 9 is +1:");
            ActivationStrip.numeric(pieces, values, width).forEach(line -> out().println("  " + line));
        }
        if (png != null) {
            Path missing = OutputFiles.missingFolder(png);
            try {
                ActivationStrip.png(png, what + " over " + StringEscapeUtils.unescapeJava(show.get(1)).length()
                        + " characters (blue -1, white 0, red +1)", pieces, values, STRIP_WIDTH);
            } catch (IOException e) {
                throw new LstmshException("cannot write " + png + ": " + FileErrors.reason(e));
            }
            out().printf("wrote %s%s%n", png, OutputFiles.createdNote(missing));
        }
    }

    private static float[] tanh(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) Math.tanh(values[i]);
        }
        return out;
    }
}

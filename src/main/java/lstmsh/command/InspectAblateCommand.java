package lstmsh.command;

import lstmsh.inspect.Ablation;
import lstmsh.inspect.CellCorrelation;
import lstmsh.inspect.CellStates;
import lstmsh.inspect.CellTracks;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;
import lstmsh.util.Format;
import lstmsh.util.LstmshException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Command(
        name = "ablate",
        description = "Switch units off: hold their h at 0 (or at their mean) at every step while the model reads"
                + " validation text, and compare the loss with the intact model's, overall, while a track is on,"
                + " and where the track ends (the prediction of a closing quote, bracket or newline).",
        footer = {"", "Example:", "  inspect ablate 1:17", "  inspect ablate 1:17,0:201 --value mean --track quote",
                "  inspect ablate 0:5 --track number='[0-9]+'"})
public final class InspectAblateCommand extends WorkspaceCommand {

    @Parameters(index = "0", paramLabel = "UNITS", description = "Units to hold, as layer:unit, separated by commas (e.g. 1:17,0:5).")
    String units;

    @Mixin
    InspectText source;

    @Option(names = "--value", paramLabel = "0|mean", defaultValue = "0",
            description = "Value the units' h is held at: 0, or each unit's mean over the text (default: ${DEFAULT-VALUE}).")
    String value;

    @Option(names = "--track", paramLabel = "NAME|NAME=REGEX",
            description = "Track whose positions are compared (default: the one the first unit follows best).")
    String track;

    public InspectAblateCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        LstmLanguageModel model = workspace.requireModel();
        Ablation.Value held = switch (value) {
            case "0" -> Ablation.Value.ZERO;
            case "mean" -> Ablation.Value.MEAN;
            default -> throw new LstmshException("--value is 0 or mean, got '" + value + "'");
        };
        List<int[]> chosen = new ArrayList<>();
        for (String part : units.split(",")) {
            int[] unit = Ablation.parseUnit(part, model.settings());
            if (chosen.stream().noneMatch(u -> u[0] == unit[0] && u[1] == unit[1])) {
                chosen.add(unit);
            }
        }
        InspectText.Source text = source.read(workspace, model);
        CellTracks.Text pieces = CellTracks.Text.of(model.tokenizer(), model.vocabulary(), text.ids());
        CellTracks.Track positions = track != null ? CellTracks.pick(track, pieces) : null;
        CellStates.Recording recording = held == Ablation.Value.MEAN || positions == null
                ? CellStates.record(model, text.ids()) : null;
        if (positions == null) {
            positions = followed(recording, pieces, chosen.get(0));
        }
        List<Ablation.Clamp> clamps = Ablation.clamps(chosen, held, recording);
        Ablation.Report r = Ablation.of(model, text.ids(), clamps, positions);
        out().printf("held %s over %s%n", clamps.stream()
                .map(c -> String.format(Locale.ROOT, "%s at %.3f", c.label(), c.value())).collect(Collectors.joining(", ")),
                text.description());
        out().println("  positions                          predictions  loss intact  loss held   change");
        row("all", r.positions(), r.baseLoss(), r.heldLoss());
        row("while " + positions.name() + " is on", r.trackPositions(), r.baseTrackLoss(), r.heldTrackLoss());
        row("where " + positions.name() + " ends", r.endPositions(), r.baseEndLoss(), r.heldEndLoss());
        out().println("  (loss in nats per token; '" + positions.name() + "': " + positions.meaning()
                + "; it ends where it falls next, e.g. before a closing quote)");
        workspace.figures().put("ablate.delta_loss", r.deltaLoss());
        // A track with no positions leaves its figure out rather than undefined.
        if (r.trackPositions() > 0) {
            workspace.figures().put("ablate.track_delta_loss", r.trackDeltaLoss());
        }
        if (r.endPositions() > 0) {
            workspace.figures().put("ablate.end_delta_loss", r.endDeltaLoss());
        }
    }

    /** The track this unit's h or c follows best in this text. */
    private CellTracks.Track followed(CellStates.Recording recording, CellTracks.Text pieces, int[] unit) {
        CellCorrelation.Followed best = CellCorrelation.followedBy(recording, CellTracks.standard(pieces), unit[0], unit[1]);
        if (best == null) {
            throw new LstmshException("no track changes in this text; give --track NAME=REGEX");
        }
        out().printf(Locale.ROOT, "unit %d:%d follows %s best (|r| %.2f); its positions are compared (--track to choose)%n",
                unit[0], unit[1], best.track().name(), best.r());
        return best.track();
    }

    private void row(String label, int count, double intact, double held) {
        out().printf(Locale.ROOT, "  %-33s  %11d  %11s  %9s  %s%n", label, count, Format.loss(intact), Format.loss(held),
                Double.isFinite(held - intact) ? String.format(Locale.ROOT, "%+.4f", held - intact) : "-");
    }
}

package lstmsh.command;

import lstmsh.checkpoint.ModelMove;
import lstmsh.session.Workspace;
import lstmsh.util.Format;

/** A device choice for {@code device DEVICE} and the --device options: the workspace takes the moved model. */
final class DeviceChoice {

    private DeviceChoice() {}

    /** Chooses the device, moves the workspace's model there if it is elsewhere, and says what happened in one line. */
    static String apply(Workspace workspace, String spec) {
        ModelMove.Outcome outcome = ModelMove.choose(spec, workspace.model(), workspace.training(),
                workspace.modelCorpusSource());
        if (outcome.moved() == null) {
            return "device " + outcome.device()
                    + (outcome.from() != null ? " (the model is already there)" : "; new models are built there");
        }
        workspace.moveModel(outcome.moved().model(), outcome.moved().training());
        return "device " + outcome.device() + "; moved the model (" + Format.count(outcome.moved().model().parameterCount())
                + " parameters) from " + outcome.from();
    }
}

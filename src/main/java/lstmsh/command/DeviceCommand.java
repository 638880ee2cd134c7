package lstmsh.command;

import ai.djl.engine.Engine;

import lstmsh.util.LstmshException;
import lstmsh.engine.EngineSupport;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "device",
        description = {
            "Show the engine, its version, the devices it sees and the one in use; or choose the device.",
            "Choosing another device while a model is loaded moves the model there: its parameters, "
                    + "Adam's moments, training position and history are copied as floats and rebuilt on the new device."
        },
        footer = {"", "Example:", "  device", "  device gpu", "  device gpu:1", "  device cpu"})
public final class DeviceCommand extends WorkspaceCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEVICE", converter = DeviceSpelling.class,
            description = "cpu, gpu (the first GPU) or gpu:N; leave out to show the devices.")
    String device;

    public DeviceCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        if (device == null) {
            show();
            return;
        }
        out().println(DeviceChoice.apply(workspace, device));
        figures(EngineSupport.info());
    }

    private void show() {
        EngineSupport.Info info = EngineSupport.info();
        out().printf("engine: %s %s (%s), DJL %s%n", info.engine(), info.version(), info.build(), Engine.getDjlVersion());
        out().printf("devices: %s%n", String.join(", ", info.devices()));
        LstmLanguageModel model = workspace.model();
        String where = model == null ? "" : "; the model is on " + EngineSupport.name(model.manager().getDevice());
        if (info.inUse() != null) {
            out().printf("in use: %s%s%n", EngineSupport.name(info.inUse()), where);
        }
        figures(info);
        if (info.problem() != null) {
            throw new LstmshException(info.problem());
        }
    }

    private void figures(EngineSupport.Info info) {
        workspace.figures().put("device.gpus", info.gpuCount());
        if (info.inUse() != null) {
            workspace.figures().put("device.gpu", info.inUse().isGpu() ? 1 : 0);
        }
    }
}

package lstmsh.command;

import ai.djl.Device;
import ai.djl.engine.Engine;

import lstmsh.LstmshException;
import lstmsh.engine.EngineSupport;
import lstmsh.checkpoint.Checkpoint;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;
import lstmsh.train.TrainingState;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


@Command(
        name = "device",
        description = {
            "Show the engine, its version, the devices it sees and the one in use; or choose the device.",
            "Choosing another device while a model is loaded moves the model there: its parameters, "
                    + "Adam's moments, training position and history are copied as floats and rebuilt on the new device."
        },
        footer = {"", "Example:", "  device", "  device gpu", "  device gpu:1", "  device cpu"})
public final class DeviceCommand extends WorkspaceCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEVICE", converter = Spelling.class,
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
        out().println(choose(workspace, device));
        figures(EngineSupport.info());
    }

    /**
     * Makes {@code spec} the device in use and moves the workspace's model there if it is
     * elsewhere; on failure nothing changes. Returns what happened, in one line. For
     * {@code device DEVICE} and for commands that take a --device option.
     */
    public static String choose(Workspace workspace, String spec) {
        Device target = EngineSupport.parseDevice(spec);
        LstmLanguageModel model = workspace.model();
        Device current = model != null ? model.manager().getDevice() : null;
        Device previous = EngineSupport.info().inUse();
        EngineSupport.setDevice(target);
        if (model == null || target.equals(current)) {
            return "device " + EngineSupport.name(target)
                    + (model != null ? " (the model is already there)" : "; new models are built there");
        }
        try {
            moveModel(workspace);
        } catch (RuntimeException failure) {
            // The model stays where it was, and so does the choice of device.
            if (previous != null) {
                EngineSupport.setDevice(previous);
            } else {
                EngineSupport.resetDevice();
            }
            throw failure instanceof LstmshException ? failure
                    : new LstmshException("could not move the model to " + EngineSupport.name(target) + " ("
                            + failure.getMessage() + "); it stays on " + EngineSupport.name(current), failure);
        }
        return "device " + EngineSupport.name(target) + "; moved the model ("
                + lstmsh.util.Format.count(workspace.model().parameterCount()) + " parameters) from " + EngineSupport.name(current);
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

    /**
     * Rebuilds the workspace's model on the device now chosen through a checkpoint written to a
     * temporary directory, so everything a checkpoint carries moves with it; the old model is
     * replaced only once the copy is complete.
     */
    static void moveModel(Workspace workspace) {
        LstmLanguageModel old = workspace.model();
        TrainingState oldTraining = workspace.training();
        boolean unsaved = oldTraining.unsaved();
        Path temporary = null;
        try {
            temporary = Files.createTempDirectory("lstmsh-move");
            Path copy = temporary.resolve("model");
            Checkpoint.save(copy, old, oldTraining, workspace.modelCorpusSource());
            Checkpoint.Loaded moved = Checkpoint.load(copy);
            if (unsaved) {
                moved.training().markUnsaved();
                oldTraining.markUnsaved();
            }
            workspace.setModel(moved.model(), moved.training(), workspace.modelCorpusSource());
        } catch (IOException e) {
            throw new LstmshException("could not move the model: " + e.getMessage());
        } finally {
            if (unsaved) {
                oldTraining.markUnsaved();
            }
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }

    /** Checks the spelling of a device while the command line is parsed; the program's --device uses it too. */
    public static final class Spelling implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                EngineSupport.parseDevice(value);
            } catch (LstmshException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return value.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

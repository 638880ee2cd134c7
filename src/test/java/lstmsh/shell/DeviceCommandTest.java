package lstmsh.shell;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;

import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.engine.EngineSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

@CommandTest
class DeviceCommandTest {

    @TempDir Path dir;

    @AfterEach
    void backToDefault() {
        EngineSupport.resetDevice();
    }

    private Path corpusFile() throws Exception {
        Path file = dir.resolve("tiny.txt");
        Files.writeString(file, EnglishLikeGenerator.generate(12_000, 3));
        return file;
    }

    @Test
    void deviceShowsTheEngineTheDevicesAndTheOneInUse() {
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("device").ok());
            String out = shell.output();
            Engine engine = Engine.getInstance();
            assertTrue(out.startsWith("engine: " + engine.getEngineName() + " " + engine.getVersion() + " ("), out);
            assertTrue(out.contains("DJL " + Engine.getDjlVersion()), out);
            assertTrue(out.contains("devices: cpu"), out);
            String inUse = engine.getGpuCount() > 0 ? "gpu:0" : "cpu";
            assertTrue(out.contains("in use: " + inUse), out);
            assertEquals(engine.getGpuCount(), shell.workspace.figures().get("device.gpus"));
            assertEquals(engine.getGpuCount() > 0 ? 1 : 0, shell.workspace.figures().get("device.gpu"));
            assertTrue(shell.run("expect device.gpus >= 0").ok());
        }
    }

    @Test
    void aGpuOnABuildWithoutOneIsAOneLineErrorAndTheModelStays() throws Exception {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("corpus load " + corpusFile()).ok());
            assertTrue(shell.run("model new --embed 8 --hidden 16 --layers 1").ok());
            var model = shell.workspace.model();
            shell.output();
            Dispatcher.Outcome gpu = shell.run("device gpu");
            assertFalse(gpu.ok());
            assertTrue(gpu.error().startsWith("no GPU visible to the " + Engine.getInstance().getEngineName()
                    + " CPU build; use 'device cpu'"), gpu.error());
            assertFalse(gpu.error().contains("\n"));
            assertSame(model, shell.workspace.model());
            assertEquals(Device.cpu(), EngineSupport.device());
            assertTrue(shell.run("train --steps 2 --batch 4 --seq 16").ok());

            Dispatcher.Outcome spelled = shell.run("device gpu:x");
            assertFalse(spelled.ok());
            assertTrue(spelled.error().contains("use cpu, gpu or gpu:N"), spelled.error());
            assertTrue(shell.run("device cpu").ok());
            assertTrue(shell.output().contains("device cpu (the model is already there)"));
            assertSame(model, shell.workspace.model());
        }
    }

    @Test
    void theModelMovesToAGpuAndBackWithEverythingItHolds() throws Exception {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU on this machine");
        try (ShellFixture shell = new ShellFixture()) {
            assertTrue(shell.run("device cpu").ok());
            assertTrue(shell.run("corpus load " + corpusFile()).ok());
            assertTrue(shell.run("model new --embed 8 --hidden 16 --layers 1").ok());
            assertTrue(shell.run("train --steps 5 --batch 4 --seq 16").ok());
            Map<String, float[]> before = shell.workspace.model().snapshot();
            var model = shell.workspace.model();
            assertTrue(shell.run("device gpu").ok());
            assertTrue(shell.output().contains("moved the model"));
            assertNotSame(model, shell.workspace.model());
            assertEquals(Device.gpu(), shell.workspace.model().manager().getDevice());
            assertEquals(5, shell.workspace.training().globalStep());
            assertEquals(5, shell.workspace.training().optimizer().updates());
            Map<String, float[]> onGpu = shell.workspace.model().snapshot();
            before.forEach((name, values) -> assertArrayEquals(values, onGpu.get(name), name));
            assertTrue(shell.run("train --steps 5 --batch 4 --seq 16").ok());
            assertTrue(shell.run("save " + dir.resolve("ck")).ok());
            assertTrue(shell.run("device cpu").ok());
            assertEquals(Device.cpu(), shell.workspace.model().manager().getDevice());
            assertTrue(shell.run("load " + dir.resolve("ck")).ok());
            assertEquals(Device.cpu(), shell.workspace.model().manager().getDevice());
            assertEquals(10, shell.workspace.training().globalStep());
            assertTrue(shell.run("sample --length 20 --seed 1").ok());
        }
    }

    @Test
    void theProgramOptionChoosesTheDeviceAndChecksItsSpelling() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int cpu;
        int gpu;
        int misspelled;
        String gpuOutput;
        try {
            cpu = ProgramRunner.exitStatus("--device", "cpu", "-c", "device; expect device.gpu <= 0");
            captured.reset();
            gpu = ProgramRunner.exitStatus("--device", "gpu", "-c", "device");
            gpuOutput = captured.toString(StandardCharsets.UTF_8);
            EngineSupport.resetDevice();
            misspelled = ProgramRunner.exitStatus("--device", "gpu:x", "-c", "device");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, cpu);
        assertEquals(2, misspelled);
        if (Engine.getInstance().getGpuCount() == 0) {
            assertEquals(1, gpu);
            assertTrue(gpuOutput.contains("error: no GPU visible to the "), gpuOutput);
            assertFalse(gpuOutput.contains("Exception"), gpuOutput);
        } else {
            assertEquals(0, gpu);
            assertTrue(gpuOutput.contains("in use: gpu:0"), gpuOutput);
        }
    }
}

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

import lstmsh.TestCorpora;
import lstmsh.engine.EngineSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return TestCorpora.proseFile(dir.resolve("tiny.txt"), 12_000, 3);
    }

    @Test
    void deviceShowsTheEngineTheDevicesAndTheOneInUse() {
        try (ShellFixture shell = new ShellFixture()) {
            String out = shell.ok("device");
            Engine engine = Engine.getInstance();
            assertTrue(out.startsWith("engine: " + engine.getEngineName() + " " + engine.getVersion() + " ("), out);
            assertTrue(out.contains("DJL " + Engine.getDjlVersion()), out);
            assertTrue(out.contains("devices: cpu"), out);
            String inUse = engine.getGpuCount() > 0 ? "gpu:0" : "cpu";
            assertTrue(out.contains("in use: " + inUse), out);
            assertEquals(engine.getGpuCount(), shell.workspace.figures().get("device.gpus"));
            assertEquals(engine.getGpuCount() > 0 ? 1 : 0, shell.workspace.figures().get("device.gpu"));
            int gpus = engine.getGpuCount();
            shell.ok("expect device.gpus >= " + gpus, "expect device.gpus <= " + gpus);
            assertTrue(shell.fail("expect device.gpus > " + gpus).contains("device.gpus"));
        }
    }

    @Test
    void aGpuOnABuildWithoutOneIsAOneLineErrorAndTheModelStays() throws Exception {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        try (ShellFixture shell = new ShellFixture()) {
            shell.ok("corpus load " + corpusFile(), "model new --embed 8 --hidden 16 --layers 1");
            var model = shell.workspace.model();
            String gpu = shell.fail("device gpu");
            assertTrue(gpu.startsWith("no GPU visible to the " + Engine.getInstance().getEngineName()
                    + " CPU build; use 'device cpu'"), gpu);
            assertSame(model, shell.workspace.model());
            assertEquals(Device.cpu(), EngineSupport.device());
            shell.ok("train --steps 2 --batch 4 --seq 16");

            String spelled = shell.fail("device gpu:x");
            assertTrue(spelled.contains("use cpu, gpu or gpu:N"), spelled);
            assertTrue(shell.ok("device cpu").contains("device cpu (the model is already there)"));
            assertSame(model, shell.workspace.model());
        }
    }

    @Test
    void theModelMovesToAGpuAndBackWithEverythingItHolds() throws Exception {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU on this machine");
        try (ShellFixture shell = new ShellFixture()) {
            shell.ok("device cpu", "corpus load " + corpusFile(), "model new --embed 8 --hidden 16 --layers 1",
                    "train --steps 5 --batch 4 --seq 16");
            Map<String, float[]> before = shell.workspace.model().snapshot();
            var model = shell.workspace.model();
            assertTrue(shell.ok("device gpu").contains("moved the model"));
            assertNotSame(model, shell.workspace.model());
            assertEquals(Device.gpu(), shell.workspace.model().manager().getDevice());
            assertEquals(5, shell.workspace.training().globalStep());
            assertEquals(5, shell.workspace.training().optimizer().updates());
            Map<String, float[]> onGpu = shell.workspace.model().snapshot();
            before.forEach((name, values) -> assertArrayEquals(values, onGpu.get(name), name));
            shell.ok("train --steps 5 --batch 4 --seq 16", "save " + dir.resolve("ck"), "device cpu");
            assertEquals(Device.cpu(), shell.workspace.model().manager().getDevice());
            shell.ok("load " + dir.resolve("ck"));
            assertEquals(Device.cpu(), shell.workspace.model().manager().getDevice());
            assertEquals(10, shell.workspace.training().globalStep());
            shell.ok("sample --length 20 --seed 1");
        }
    }

    @Test
    void theProgramOptionChoosesTheDeviceAndChecksItsSpelling() {
        ProgramOutput cpu = ProgramOutput.run("--device", "cpu", "-c", "device; expect device.gpu <= 0");
        ProgramOutput gpu = ProgramOutput.run("--device", "gpu", "-c", "device");
        EngineSupport.resetDevice();
        ProgramOutput misspelled = ProgramOutput.run("--device", "gpu:x", "-c", "device");
        assertEquals(0, cpu.status());
        assertEquals(2, misspelled.status());
        if (Engine.getInstance().getGpuCount() == 0) {
            assertEquals(1, gpu.status());
            assertTrue(gpu.text().contains("error: no GPU visible to the "), gpu.text());
            assertFalse(gpu.text().contains("Exception"), gpu.text());
        } else {
            assertEquals(0, gpu.status());
            assertTrue(gpu.text().contains("in use: gpu:0"), gpu.text());
        }
    }
}

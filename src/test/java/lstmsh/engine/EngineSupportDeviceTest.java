package lstmsh.engine;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;

import lstmsh.util.LstmshException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@CoreTest
class EngineSupportDeviceTest {

    @AfterEach
    void backToDefault() {
        EngineSupport.resetDevice();
    }

    @Test
    void devicesAreSpelledCpuGpuOrGpuN() {
        assertEquals(Device.cpu(), EngineSupport.parseDevice("cpu"));
        assertEquals(Device.gpu(0), EngineSupport.parseDevice("gpu"));
        assertEquals(Device.gpu(1), EngineSupport.parseDevice(" GPU:1 "));
        assertEquals(Device.gpu(2), EngineSupport.parseDevice("gpu2"));
        for (String bad : new String[] {"", "tpu", "gpu:", "gpu:-1", "gpu:x", "cuda"}) {
            LstmshException e = assertThrows(LstmshException.class, () -> EngineSupport.parseDevice(bad));
            assertTrue(e.getMessage().contains("use cpu, gpu or gpu:N"), e.getMessage());
        }
        assertEquals("gpu:3", EngineSupport.name(Device.gpu(3)));
        assertEquals("cpu", EngineSupport.name(Device.cpu()));
    }

    @Test
    void theDefaultIsTheGpuWhenTheEngineSeesOneElseTheCpu() {
        Engine engine = Engine.getInstance();
        Device expected = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        assertEquals(expected, EngineSupport.device());
        EngineSupport.Info info = EngineSupport.info();
        assertEquals(engine.getEngineName(), info.engine());
        assertEquals(engine.getVersion(), info.version());
        assertEquals(engine.getGpuCount(), info.gpuCount());
        assertEquals(1 + engine.getGpuCount(), info.devices().size());
        assertEquals("cpu", info.devices().get(0));
        assertEquals(expected, info.inUse());
        assertNull(info.problem());
    }

    @Test
    void askingForAGpuThatIsNotThereIsOneLineAndChangesNothing() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        EngineSupport.setDevice(Device.cpu());
        LstmshException e = assertThrows(LstmshException.class, () -> EngineSupport.setDevice(Device.gpu()));
        String engine = Engine.getInstance().getEngineName();
        assertTrue(e.getMessage().startsWith("no GPU visible to the " + engine + " CPU build; "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("device cpu"), e.getMessage());
        assertEquals(Device.cpu(), EngineSupport.device());
    }

    @Test
    void aRequestedGpuIsRefusedOnFirstUseUntilAnotherDeviceIsChosen() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        EngineSupport.requestDevice("gpu");
        LstmshException first = assertThrows(LstmshException.class, EngineSupport::device);
        assertTrue(first.getMessage().startsWith("no GPU visible"), first.getMessage());
        EngineSupport.Info info = EngineSupport.info();
        assertNull(info.inUse());
        assertEquals(first.getMessage(), info.problem());
        assertThrows(LstmshException.class, EngineSupport::device);
        EngineSupport.setDevice(Device.cpu());
        assertEquals(Device.cpu(), EngineSupport.device());
        assertThrows(LstmshException.class, () -> EngineSupport.requestDevice("gpu:one"));
    }

    @Test
    void aGpuBeyondTheLastIsRefused() {
        int gpus = Engine.getInstance().getGpuCount();
        Assumptions.assumeTrue(gpus > 0, "no GPU on this machine");
        EngineSupport.setDevice(Device.gpu(gpus - 1));
        assertEquals(Device.gpu(gpus - 1), EngineSupport.device());
        LstmshException e = assertThrows(LstmshException.class, () -> EngineSupport.setDevice(Device.gpu(gpus)));
        assertTrue(e.getMessage().startsWith("there is no gpu:" + gpus), e.getMessage());
        assertEquals(Device.gpu(gpus - 1), EngineSupport.device());
    }
}

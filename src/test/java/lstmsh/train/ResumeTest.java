package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import lstmsh.corpus.Corpus;
import lstmsh.checkpoint.Checkpoint;
import lstmsh.model.LstmLanguageModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** 2N steps in one run give the same losses as N, save, load (in this JVM and in a fresh one), N. */
@CoreTest
class ResumeTest {

    @TempDir Path dir;

    private static final int N = ResumeScenarios.HALF;

    private record Unbroken(double[] losses, double lastLr) {}

    private static Unbroken unbroken(String scenario) {
        Corpus corpus = ResumeScenarios.corpus(scenario);
        try (LstmLanguageModel model = ResumeScenarios.model(corpus);
                TrainingState state = new TrainingState(model.manager())) {
            TrainSettings s = ResumeScenarios.settings(scenario, 2 * N);
            TrainResult r = new TrainingLoop(model, corpus, s, state, TrainingListener.NONE, new CancelSignal()).run();
            assertEquals(2 * N, r.steps());
            return new Unbroken(ResumeScenarios.losses(state), r.lr());
        }
    }

    private Path firstHalf(String scenario) {
        Corpus corpus = ResumeScenarios.corpus(scenario);
        Path ck = dir.resolve(scenario);
        try (LstmLanguageModel model = ResumeScenarios.model(corpus);
                TrainingState state = new TrainingState(model.manager())) {
            new TrainingLoop(model, corpus, ResumeScenarios.settings(scenario, N), state, TrainingListener.NONE,
                    new CancelSignal()).run();
            Checkpoint.save(ck, model, state, "prose");
        }
        return ck;
    }

    private static void assertSameCurve(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": steps");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), what + ": step " + (i + 1));
        }
    }

    private double[] resumesExactly(String scenario, boolean freshProcess) throws Exception {
        Unbroken whole = unbroken(scenario);
        Path ck = firstHalf(scenario);

        Checkpoint.Loaded loaded = Checkpoint.load(ck);
        Corpus corpus = ResumeScenarios.corpus(scenario);
        try (LstmLanguageModel model = loaded.model(); TrainingState state = loaded.training()) {
            TrainResult r = new TrainingLoop(model, corpus, ResumeScenarios.settings(scenario, N), state,
                    TrainingListener.NONE, new CancelSignal()).run();
            assertSameCurve(whole.losses(), ResumeScenarios.losses(state), scenario + ", resumed in this JVM");
            assertEquals(whole.lastLr(), r.lr(), 1e-12);
        }
        if (!freshProcess) {
            return whole.losses();
        }

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true"));
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        if (threads != null) {
            command.add("-Dai.djl.pytorch.num_threads=" + threads); // the same arithmetic as this JVM
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ResumeProbe.class.getName(), scenario,
                ck.toString(), dir.resolve("probe.log").toString()));
        // The probe writes to a file, so a probe that hangs fails the test at the timeout instead of
        // blocking a read of its output for ever.
        Path output = dir.resolve("probe.out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the probe process did not finish in 120 s:\n" + Files.readString(output));
        }
        List<Double> losses = new ArrayList<>();
        Double lr = null;
        StringBuilder other = new StringBuilder();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (line.startsWith("lr ")) {
                lr = Double.parseDouble(line.substring(3));
            } else {
                try {
                    losses.add(Double.parseDouble(line));
                } catch (NumberFormatException e) {
                    other.append(line).append('\n');
                }
            }
        }
        assertEquals(0, p.exitValue(), "probe failed:\n" + other);
        assertNotNull(lr, other.toString());
        assertSameCurve(whole.losses(), losses.stream().mapToDouble(Double::doubleValue).toArray(),
                scenario + ", resumed in a fresh process");
        assertEquals(whole.lastLr(), lr, 1e-12);
        return whole.losses();
    }

    @Test
    void streamWithDropoutCarriedStateAndCosineResumesExactly() throws Exception {
        double[] whole = resumesExactly("stream", true);
        // Two train commands in one session continue each other just as well.
        Corpus corpus = ResumeScenarios.corpus("stream");
        try (LstmLanguageModel model = ResumeScenarios.model(corpus);
                TrainingState state = new TrainingState(model.manager())) {
            for (int half = 0; half < 2; half++) {
                new TrainingLoop(model, corpus, ResumeScenarios.settings("stream", N), state, TrainingListener.NONE,
                        new CancelSignal()).run();
            }
            assertSameCurve(whole, ResumeScenarios.losses(state), "two runs");
            assertArrayEquals(new long[] {0, N}, state.runs().stream().mapToLong(RunRecord::startStep).toArray());
        }
    }

    @Test
    void linesWithRmspropPlateauAndClassWeightsResumeExactly() throws Exception {
        resumesExactly("lines", false);
    }

}

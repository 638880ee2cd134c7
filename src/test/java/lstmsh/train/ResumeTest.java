package lstmsh.train;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.corpus.Corpus;
import lstmsh.checkpoint.Checkpoint;
import lstmsh.model.LstmLanguageModel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().put("DJL_OFFLINE", "true");
        Process p = pb.start();
        List<Double> losses = new ArrayList<>();
        Double lr = null;
        StringBuilder other = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
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
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe process did not finish");
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

package lstmsh.train;

import lstmsh.corpus.Corpus;
import lstmsh.engine.EngineSupport;
import lstmsh.checkpoint.Checkpoint;

import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link ResumeTest}: loads a checkpoint, trains the second half and
 * prints every loss of the model's history, one per line, then the learning rate of the last step.
 */
public final class ResumeProbe {

    private ResumeProbe() {}

    public static void main(String[] args) {
        EngineSupport.configure(Path.of(args[2]));
        String scenario = args[0];
        Corpus corpus = ResumeScenarios.corpus(scenario);
        Checkpoint.Loaded loaded = Checkpoint.load(Path.of(args[1]));
        try (var model = loaded.model(); var state = loaded.training()) {
            TrainResult r = new TrainingLoop(model, corpus, ResumeScenarios.settings(scenario, ResumeScenarios.HALF),
                    state, TrainingListener.NONE, new CancelSignal()).run();
            for (double loss : ResumeScenarios.losses(state)) {
                System.out.println(loss);
            }
            System.out.println("lr " + r.lr());
        }
        System.exit(0);
    }
}

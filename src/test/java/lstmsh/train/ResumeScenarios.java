package lstmsh.train;

import lstmsh.corpus.Corpus;
import lstmsh.corpus.CorpusLoader;
import lstmsh.corpus.CorpusSettings;
import lstmsh.corpus.gen.EnglishLikeGenerator;
import lstmsh.model.Init;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;

import java.util.List;

/** Runs that use every piece of state a resume must restore, shared by the test and its probe process. */
final class ResumeScenarios {

    static final int HALF = 8;

    private ResumeScenarios() {}

    static Corpus corpus(String scenario) {
        CorpusSettings.Split split = scenario.equals("lines") ? CorpusSettings.Split.LINES : CorpusSettings.Split.STREAM;
        return CorpusLoader.fromText("prose", EnglishLikeGenerator.generate(8_000, 7), new CorpusSettings(0.1, split));
    }

    static LstmLanguageModel model(Corpus corpus) {
        ModelSettings s = new ModelSettings(8, List.of(16, 12), 0.2f, 3, 0.1f, 0.1f, false, Init.XAVIER, 1f);
        return LstmLanguageModel.create(s, corpus.vocabulary(), corpus.tokenizer());
    }

    /** Settings of each half; {@code steps} is the half's length. */
    static TrainSettings settings(String scenario, long steps) {
        TrainSettings.Builder b = TrainSettings.builder().steps(steps).batch(6).seq(24).lr(0.01).seed(11);
        if (scenario.equals("lines")) {
            return b.optimizer(TrainSettings.OptimizerKind.RMSPROP).momentum(0.5).lr(0.003)
                    .schedule(Schedule.of(Schedule.Kind.PLATEAU).withPlateau(0.5, 0))
                    .classWeights(TrainSettings.ClassWeighting.SQRT_INVERSE).labelSmoothing(0.1)
                    .evalEvery(3).patience(100).build();
        }
        return b.schedule(Schedule.of(Schedule.Kind.COSINE).withWarmup(4).withCosine(2 * HALF, Double.NaN))
                .evalEvery(5).build();
    }

    static double[] losses(TrainingState state) {
        return state.history().stream().mapToDouble(MetricPoint::loss).toArray();
    }
}

package lstmsh.sample;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.model.LstmLanguageModel;
import lstmsh.train.StepProgress;
import lstmsh.train.TrainingListener;
import lstmsh.util.Texts;

import java.util.function.Consumer;

/**
 * Every N steps of training, a short sample at temperature 1 with its one-line report, so a
 * collapse is seen when it starts. The sample uses its own seed, never the training's
 * randomness, and leaves the model's weights and the carried training state alone.
 */
public final class SampleDuringTraining implements TrainingListener {

    public static final int DEFAULT_LENGTH = 100;

    private final TrainingListener inner;
    private final LstmLanguageModel model;
    private final SampleJudge judge;
    private final int every;
    private final SamplingSettings settings;
    private final Consumer<String> lines;

    private SampleDuringTraining(TrainingListener inner, LstmLanguageModel model, SampleJudge judge, int every,
            int length, Consumer<String> lines) {
        this.inner = inner;
        this.model = model;
        this.judge = judge;
        this.every = every;
        this.settings = new SamplingSettings(length, 1.0, "", SamplingSettings.DEFAULT_SEED);
        this.lines = lines;
    }

    /**
     * {@code inner} with a sample every {@code every} steps (of the model's global step count);
     * {@code inner} itself when {@code every} is 0.
     */
    public static TrainingListener wrap(TrainingListener inner, LstmLanguageModel model, Corpus corpus, int every,
            int length, Consumer<String> lines) {
        if (every < 0) {
            throw new LstmshException("--sample-every must be 0 (off) or a positive number of steps, got " + every);
        }
        if (length < 1 || length > SamplingSettings.MAX_LENGTH) {
            throw new LstmshException("--sample-length must be between 1 and " + SamplingSettings.MAX_LENGTH
                    + ", got " + length);
        }
        if (every == 0) {
            return inner;
        }
        return new SampleDuringTraining(inner, model, SampleJudge.of(model, corpus), every, length, lines);
    }

    @Override
    public void onStep(StepProgress progress) {
        inner.onStep(progress);
        if (progress.globalStep() % every == 0) {
            SampleReport report = SampleGenerator.generate(model, settings, judge, TokenSink.NONE, null);
            lines.accept("  sample at step " + progress.globalStep() + ": " + Texts.quote(report.text()));
            lines.accept("    " + report.summary());
        }
    }

    @Override
    public void onValidation(long globalStep, double valLoss) {
        inner.onValidation(globalStep, valLoss);
    }

    @Override
    public void onNotice(String message) {
        inner.onNotice(message);
    }
}

package lstmsh.session;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.finding.Finding;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.Console;
import lstmsh.sample.SamplingSettings;
import lstmsh.train.CancelSignal;
import lstmsh.train.TrainingState;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a shell session holds: the corpus, the model and its training state, the figures for
 * {@code expect}, and where output goes. A command replaces a piece only once its new value
 * is complete, so a failed command leaves the previous one in place.
 */
public final class Workspace implements AutoCloseable {

    /** Figures measured on the model: they go with it. */
    private static final Set<String> MODEL_FIGURES = Set.of("model", "train", "sample", "inspect", "score", "diagnose", "loop");
    /** Figures measured on the corpus, or against it (a sample's copied share, its windows): they go with it. */
    private static final Set<String> CORPUS_FIGURES = Set.of("corpus", "sample", "inspect", "diagnose");

    /** A yes/no question to the person at the keyboard. */
    public interface Question {
        /** Prints {@code warning}, asks {@code question}; true for yes. */
        boolean ask(String warning, String question);
    }

    private final Console console;
    private final CancelSignal cancel = new CancelSignal();
    private final Figures figures = new Figures();
    private Corpus corpus;
    private LstmLanguageModel model;
    private TrainingState training;
    private String modelCorpusSource = "";
    private SessionFiles sessionFiles;
    private boolean exitRequested;
    private List<Finding> sampleFindings = List.of();
    private SamplingSettings lastSample;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<String> linesRun = new ArrayList<>();
    private Supplier<List<String>> history = () -> Collections.unmodifiableList(linesRun);
    private Question question;

    public Workspace(Console console) {
        this.console = console;
    }

    public Console console() {
        return console;
    }

    public PrintWriter out() {
        return console.out();
    }

    public CancelSignal cancel() {
        return cancel;
    }

    public Figures figures() {
        return figures;
    }

    public Corpus corpus() {
        return corpus;
    }

    public Corpus requireCorpus() {
        if (corpus == null) {
            throw new LstmshException("no corpus loaded; run 'corpus load PATH' first (e.g. corpus load corpora/tales.txt)");
        }
        return corpus;
    }

    /** Replaces the corpus; what was measured on or against the old one goes with it. */
    public void setCorpus(Corpus corpus) {
        this.corpus = corpus;
        figures.forget(CORPUS_FIGURES);
        sampleFindings = List.of();
    }

    public LstmLanguageModel model() {
        return model;
    }

    public LstmLanguageModel requireModel() {
        if (model == null) {
            throw new LstmshException("no model; run 'model new' (after 'corpus load') or 'load DIR' first");
        }
        return model;
    }

    public TrainingState training() {
        return training;
    }

    /** The corpus the current model was built on or trained with, as a path or name. */
    public String modelCorpusSource() {
        return modelCorpusSource;
    }

    /**
     * Replaces the model (and closes the old one and its native memory); what was measured on the
     * old one (figures, the last sample's findings) goes with it.
     */
    public void setModel(LstmLanguageModel newModel, TrainingState newTraining, String corpusSource) {
        swapModel(newModel, newTraining, corpusSource);
        figures.forget(MODEL_FIGURES);
        sampleFindings = List.of();
        lastSample = null;
    }

    /** Takes the same model moved to another device: its figures and findings still hold. */
    public void moveModel(LstmLanguageModel moved, TrainingState movedTraining) {
        swapModel(moved, movedTraining, modelCorpusSource);
    }

    /**
     * Before a command replaces the model: training not saved since the last save or load is
     * asked about where someone can answer (the interactive shell), and named in one line when it
     * goes. False when the user keeps the model; {@code command} is what to run again after saving.
     */
    public boolean mayReplaceModel(String command) {
        if (model == null || training == null || !training.unsaved()) {
            return true;
        }
        long steps = training.globalStep();
        if (question != null && !question.ask(
                "warning: the model has trained (now " + steps + " steps) since it was last saved or loaded; "
                        + "'save DIR' keeps it.",
                "Replace it without saving? [y/N] ")) {
            out().println("kept the model (" + steps + " steps); 'save DIR' keeps it, then run '" + command + "' again");
            return false;
        }
        out().println("dropped the previous model (" + steps + " steps, trained since it was last saved or loaded)");
        return true;
    }

    /** Who answers {@link #mayReplaceModel}'s question; null (session files, -c, tests): nobody, the command goes on. */
    public void setQuestion(Question question) {
        this.question = question;
    }

    private void swapModel(LstmLanguageModel newModel, TrainingState newTraining, String corpusSource) {
        LstmLanguageModel oldModel = model;
        TrainingState oldTraining = training;
        model = newModel;
        training = newTraining;
        modelCorpusSource = corpusSource == null ? "" : corpusSource;
        if (oldTraining != null) {
            oldTraining.close();
        }
        if (oldModel != null) {
            oldModel.close();
        }
    }

    /** What the last sample of this model on this corpus raised, for {@code diagnose}. */
    public List<Finding> sampleFindings() {
        return sampleFindings;
    }

    public void setSampleFindings(List<Finding> findings) {
        sampleFindings = List.copyOf(findings);
    }

    /** How the sample {@code inspect loop} replays was drawn (the one that looped, else the last), or null. */
    public SamplingSettings lastSample() {
        return lastSample;
    }

    public void setLastSample(SamplingSettings settings) {
        lastSample = settings;
    }

    /** Runs session files; installed by the shell that owns this workspace. */
    public SessionFiles runner() {
        if (sessionFiles == null) {
            throw new IllegalStateException("no session-file runner installed");
        }
        return sessionFiles;
    }

    public void setRunner(SessionFiles runner) {
        this.sessionFiles = runner;
    }

    public void requestExit() {
        exitRequested = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    /** Withdraws an exit request, e.g. when the user chose to stay and save. */
    public void cancelExit() {
        exitRequested = false;
    }

    /** Session variables for {@code ${NAME}} on later lines, set by {@code set} or {@code -D}. */
    public Map<String, String> variables() {
        return variables;
    }

    /** Past command lines, oldest first: the line editor's history in the shell, else the lines run so far. */
    public List<String> history() {
        return history.get();
    }

    public void setHistory(Supplier<List<String>> source) {
        history = source;
    }

    public void recordLine(String line) {
        linesRun.add(line);
    }

    @Override
    public void close() {
        setModel(null, null, "");
    }
}

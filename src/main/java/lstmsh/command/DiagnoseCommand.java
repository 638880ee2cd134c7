package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.inspect.CorpusTailCheck;
import lstmsh.inspect.Diagnosis;
import lstmsh.finding.Finding;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;

import picocli.CommandLine.Command;

import java.util.List;

@Command(
        name = "diagnose",
        description = "Run every check that applies to what is loaded (corpus, model, training history, last sample)"
                + " and list the findings by severity, each with its code, the evidence as numbers and the command"
                + " that tests the fix. Codes: CORPUS_IMBALANCE, CORPUS_UNK, CONSTANT_TAIL, SMALL_HIDDEN, INIT_SCALE,"
                + " LR_TOO_HIGH, NOT_CONVERGED, OVERFITTING, HIDDEN_COLLAPSE, SATURATED_GATES and the sampling"
                + " warnings (REPEAT_RUN, LOOP, DOMINANT_TOKEN, LOW_ENTROPY, MEMORIZED).",
        footer = {"", "Example:", "  diagnose", "  expect diagnose.findings <= 0"})
public final class DiagnoseCommand extends WorkspaceCommand {

    public DiagnoseCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        Corpus corpus = workspace.corpus();
        LstmLanguageModel model = workspace.model();
        if (corpus == null && model == null) {
            throw new LstmshException("nothing to diagnose; load a corpus ('corpus load PATH') or a model ('load DIR') first");
        }
        List<Finding> findings = Diagnosis.run(new Diagnosis.Input(
                corpus,
                model,
                model == null ? List.of() : workspace.training().history(),
                corpus == null ? List.of() : CorpusTailCheck.check(corpus),
                workspace.sampleFindings()));
        int serious = Diagnosis.serious(findings);
        out().printf("diagnose: %s%s%s%n", corpus == null ? "no corpus" : "corpus " + corpus.source(),
                model == null ? ", no model" : ", model trained " + workspace.training().globalStep() + " steps",
                workspace.sampleFindings().isEmpty() ? "" : ", last sample");
        if (findings.isEmpty()) {
            out().println("no findings: nothing in the corpus, the weights, the training history or the states looks wrong");
        }
        for (Finding f : findings) {
            out().printf("%s %s: %s%n  try: %s%n", f.severity() == Finding.Severity.INFO ? "info" : "warning", f.name(),
                    f.evidence(), f.fix());
        }
        out().printf("%d finding(s) above info%n", serious);
        workspace.figures().put("diagnose.findings", serious);
        workspace.figures().setWarnings(findings.stream().map(Finding::name).distinct().toList());
    }
}

package lstmsh.command;

import lstmsh.util.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.finding.FindingCode;
import lstmsh.inspect.Diagnosis;
import lstmsh.model.LstmLanguageModel;
import lstmsh.session.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;

@Command(
        name = "diagnose",
        description = "Run every check that applies to what is loaded (corpus, model, training history, last sample)"
                + " and list the findings, likeliest cause first (the one to fix first is named), each with its"
                + " code, the evidence as numbers and the command that tests the fix; then the gate saturation"
                + " table on validation windows.",
        footer = {"", "Example:", "  diagnose", "  expect diagnose.findings <= 0"})
public final class DiagnoseCommand extends WorkspaceCommand {

    public DiagnoseCommand(Workspace workspace) {
        super(workspace);
    }

    /** Appends every finding code with its meaning to the usage description; called once when the tree is built. */
    public static void describeCodes(CommandLine diagnose) {
        UsageMessageSpec usage = diagnose.getCommandSpec().usageMessage();
        List<String> lines = new ArrayList<>(List.of(usage.description()));
        lines.add("Codes:");
        for (FindingCode code : FindingCode.values()) {
            lines.add(String.format("  %-20s %s", code.name(), code.meaning()));
        }
        usage.description(lines.toArray(new String[0]));
    }

    @Override
    protected void run() {
        Corpus corpus = workspace.corpus();
        LstmLanguageModel model = workspace.model();
        if (corpus == null && model == null) {
            throw new LstmshException("nothing to diagnose; load a corpus ('corpus load PATH') or a model ('load DIR') first");
        }
        Diagnosis.Report report = Diagnosis.run(new Diagnosis.Input(corpus, model,
                model == null ? List.of() : workspace.training().history(),
                model == null ? 0 : workspace.training().perEpoch(), workspace.sampleFindings()));
        String builtOn = workspace.modelCorpusSource();
        boolean otherCorpus = model != null && corpus != null && !builtOn.isEmpty() && !builtOn.equals(corpus.source());
        out().printf("diagnose: %s%s%s%s%n", corpus == null ? "no corpus" : "corpus " + corpus.source(),
                model == null ? ", no model" : ", model trained " + workspace.training().globalStep() + " steps",
                otherCorpus ? ", built on " + builtOn + " (not the loaded corpus)" : "",
                workspace.sampleFindings().isEmpty() ? "" : ", last sample");
        if (report.findings().isEmpty()) {
            out().println("no findings: nothing in the corpus, the weights, the training history or the states looks wrong");
        }
        FindingsView.print(out(), report.findings());
        if (report.gates() != null) {
            FindingsView.print(out(), report.gates());
        }
        out().printf("%d finding(s) above info%n", report.serious());
        workspace.figures().put("diagnose.findings", report.serious());
        workspace.figures().setWarnings(FindingsView.codes(report.findings()));
    }
}

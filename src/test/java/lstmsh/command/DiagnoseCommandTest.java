package lstmsh.command;

import lstmsh.CommandTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lstmsh.finding.Finding;
import lstmsh.finding.FindingCode;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

@CommandTest
class DiagnoseCommandTest {

    @Test
    void theHelpListsEveryFindingCode() {
        CommandLine diagnose = new CommandLine(new DiagnoseCommand(null));
        DiagnoseCommand.describeCodes(diagnose);
        String help = diagnose.getUsageMessage();
        for (FindingCode code : FindingCode.values()) {
            assertTrue(help.contains(code.name()), code + " missing from:\n" + help);
        }
    }

    @Test
    void findingsReadAsSeverityCodeEvidenceThenTheFix() {
        StringWriter text = new StringWriter();
        List<Finding> findings = List.of(
                Finding.problem(FindingCode.INIT_SCALE, "tiny weights", "model new --init xavier"),
                Finding.info(FindingCode.NOT_CONVERGED, "not trained yet", "train --steps 500"),
                Finding.warning(FindingCode.LOOP, "a loop", "sample --temperature 1.2"),
                Finding.warning(FindingCode.LOOP, "another loop", "sample --top-p 0.9"));
        FindingsView.print(new PrintWriter(text, true), findings);
        assertEquals(String.join(System.lineSeparator(),
                "warning INIT_SCALE: tiny weights", "  try: model new --init xavier",
                "info NOT_CONVERGED: not trained yet", "  try: train --steps 500",
                "warning LOOP: a loop", "  try: sample --temperature 1.2",
                "warning LOOP: another loop", "  try: sample --top-p 0.9", ""), text.toString());
        assertEquals(List.of("INIT_SCALE", "NOT_CONVERGED", "LOOP"), FindingsView.codes(findings));
    }
}

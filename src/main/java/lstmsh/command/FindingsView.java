package lstmsh.command;

import lstmsh.finding.CauseOrder;
import lstmsh.finding.Finding;
import lstmsh.inspect.GateInspection;

import java.io.PrintWriter;
import java.util.List;

/**
 * How findings read in the terminal: {@code warning|info CODE: evidence}, then {@code   try: fix},
 * likeliest cause first; with several codes above info, first a line naming the one to fix first.
 */
final class FindingsView {

    private FindingsView() {}

    static void print(PrintWriter out, List<Finding> findings) {
        CauseOrder.first(findings).ifPresent(f -> out.printf(
                "fix first: %s, the likeliest cause; the findings after it may follow from it%n", f.name()));
        for (Finding f : CauseOrder.sort(findings)) {
            out.printf("%s %s: %s%n  try: %s%n", f.serious() ? "warning" : "info", f.name(), f.evidence(), f.fix());
        }
    }

    /** The gate saturation table: per layer and gate, the share of time left- and right-saturated. */
    static void print(PrintWriter out, GateInspection.SaturationTable table) {
        out.printf("gate saturation on %s (%,d steps): share of time below %.1f (left) and above %.1f (right)%n",
                table.source(), table.steps(), GateInspection.LEFT, GateInspection.RIGHT);
        out.println("  layer  gate     left   right   saturated");
        for (GateInspection.Saturation r : table.rows()) {
            out.printf("  %5d  %-6s %5.1f%%  %5.1f%%  %9.1f%%%n", r.layer(), r.gate().word(), 100 * r.left(),
                    100 * r.right(), 100 * r.saturated());
        }
        for (int l = 0; l < table.layers(); l++) {
            out.printf("  layer %d: gates saturated %.1f%% of the time (SATURATED_GATES above %.0f%%)%n", l,
                    100 * table.layerShare(l), 100 * GateInspection.SATURATED_SHARE_LIMIT);
        }
    }

    /** Each code once, for {@code expect warning CODE}. */
    static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::name).distinct().toList();
    }
}

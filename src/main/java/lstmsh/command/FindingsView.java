package lstmsh.command;

import lstmsh.finding.Finding;

import java.io.PrintWriter;
import java.util.List;

/** How findings read in the terminal: {@code warning|info CODE: evidence}, then {@code   try: fix}. */
final class FindingsView {

    private FindingsView() {}

    static void print(PrintWriter out, List<Finding> findings) {
        for (Finding f : findings) {
            out.printf("%s %s: %s%n  try: %s%n", f.serious() ? "warning" : "info", f.name(), f.evidence(), f.fix());
        }
    }

    /** Each code once, for {@code expect warning CODE}. */
    static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::name).distinct().toList();
    }
}

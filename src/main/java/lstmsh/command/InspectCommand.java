package lstmsh.command;

import lstmsh.LstmshException;
import lstmsh.corpus.Corpus;
import lstmsh.corpus.Vocabulary;
import lstmsh.inspect.GateInspection;
import lstmsh.inspect.HiddenInspection;
import lstmsh.inspect.LstmProbe;
import lstmsh.inspect.StateInspection;
import lstmsh.model.LstmLanguageModel;
import lstmsh.render.HeatMap;
import lstmsh.session.Workspace;

import org.apache.commons.text.StringEscapeUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

@Command(
        name = "inspect",
        description = "Look inside the LSTM: output and states, final hidden states across inputs, gates.",
        subcommands = {InspectCommand.State.class, InspectCommand.Hidden.class, InspectCommand.Gates.class},
        footer = {"", "Example:", "  inspect state \"The cat\"", "  inspect hidden --from-corpus 8 --length 100",
                "  inspect gates \"Chapter 1\" --gate forget --png gates.png"})
public final class InspectCommand extends WorkspaceCommand {

    public InspectCommand(Workspace workspace) {
        super(workspace);
    }

    @Override
    protected void run() {
        throw new LstmshException("inspect needs a subcommand: state, hidden or gates (see 'help inspect')");
    }

    @Command(
            name = "state",
            description = "Run TEXT through the model and show the output sequence, h_n and c_n with their shapes and"
                    + " norms. The output holds the top layer's h at every step, so its last step equals the top"
                    + " layer's h_n; lower layers' h_n are their own final states, passed up as the next layer's"
                    + " input, not to the output.",
            footer = {"", "Example:", "  inspect state \"It was a windy evening\""})
    public static final class State extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "TEXT", description = "Input text (\\n understood).")
        String text;

        public State(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            LstmLanguageModel model = workspace.requireModel();
            int[] tokens = tokens(workspace, model, text);
            StateInspection.Report r = StateInspection.of(LstmProbe.run(model, tokens));
            int layers = r.layers().size();
            out().printf("output sequence: (batch 1, steps %d, hidden %d)   the top layer's h at every step%n",
                    r.steps(), r.topHidden());
            if (r.uniform()) {
                out().printf("h_n and c_n:     (layers %d, batch 1, hidden %d) each   every layer's state after the last step%n",
                        layers, r.topHidden());
            } else {
                out().println("h_n and c_n:     one (1, batch 1, hidden) pair per layer, sizes differ by layer");
            }
            out().println("  layer  hidden   |h_n|     |c_n|   max|h_n - output[-1]|");
            for (StateInspection.Layer l : r.layers()) {
                String diff = l.hidden() != r.topHidden() ? "(other size)" : String.format("%.3g", l.diffFromOutput());
                out().printf("  %5d  %6d  %7.4f  %8.4f   %s%s%n", l.index(), l.hidden(), l.hNorm(), l.cNorm(), diff,
                        l.index() == layers - 1 ? "   <- top layer: output[-1] is this h_n" : "");
            }
            out().printf("check: output at the last step equals the top layer's h_n (max difference %.3g)%n",
                    r.outputHnDiff());
            if (layers > 1) {
                out().println("each layer keeps its own h and c; a layer's h sequence is the next layer's input."
                        + " Inputs of different lengths need masking, or padding leaks into h_n.");
            }
            workspace.figures().put("inspect.output_hn_diff", r.outputHnDiff());
            double lower = r.layers().stream().filter(l -> l.index() < layers - 1 && l.hidden() == r.topHidden())
                    .mapToDouble(StateInspection.Layer::diffFromOutput).max().orElse(Double.NaN);
            if (!Double.isNaN(lower)) {
                workspace.figures().put("inspect.lower_hn_diff", lower);
            }
        }
    }

    @Command(
            name = "hidden",
            description = "Compare the final hidden states of several inputs: cosine similarity between them, the"
                    + " spread of each unit, and how far back a changed token still moves h_n. HIDDEN_COLLAPSE when"
                    + " every two of the top layer's final states differ by less than "
                    + (int) (100 * HiddenInspection.COLLAPSE_DISTANCE) + "%% of their size.",
            footer = {"", "Example:", "  inspect hidden \"the cat is sleeping\" \"a dog is barking\" \"bird is flying\"",
                    "  inspect hidden --from-corpus 8 --length 120"})
    public static final class Hidden extends WorkspaceCommand {
        @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Inputs to compare (two or more).")
        List<String> texts = new ArrayList<>();

        @Option(names = "--from-corpus", paramLabel = "N", description = "Use N windows drawn from the loaded corpus instead.")
        int fromCorpus;

        @Option(names = "--length", paramLabel = "L", defaultValue = "100",
                description = "Tokens per window with --from-corpus (default: ${DEFAULT-VALUE}).")
        int length;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the windows (default: ${DEFAULT-VALUE}).")
        long seed;

        public Hidden(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() {
            LstmLanguageModel model = workspace.requireModel();
            List<int[]> inputs = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            if (fromCorpus > 0) {
                if (!texts.isEmpty()) {
                    throw new LstmshException("give TEXT inputs or --from-corpus, not both");
                }
                Corpus corpus = workspace.requireCorpus();
                if (!corpus.vocabulary().equals(model.vocabulary())) {
                    throw new LstmshException("the loaded corpus has another vocabulary than the model; load the model's corpus");
                }
                if (length < 1 || length >= corpus.size()) {
                    throw new LstmshException("--length must be between 1 and the corpus size, got " + length);
                }
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < fromCorpus; i++) {
                    int start = random.nextInt(corpus.size() - length);
                    int[] window = new int[length];
                    for (int t = 0; t < length; t++) {
                        window[t] = corpus.tokens().get(start + t);
                    }
                    inputs.add(window);
                    labels.add("#" + (i + 1) + " @" + start);
                }
            } else {
                for (String t : texts) {
                    inputs.add(tokens(workspace, model, t));
                    labels.add(abbreviate(t));
                }
            }
            if (inputs.size() < 2) {
                throw new LstmshException("give at least two inputs (or --from-corpus N with N >= 2)");
            }
            HiddenInspection.Report r = HiddenInspection.of(model, inputs);
            HiddenInspection.LayerSimilarity top = r.top();
            out().printf("cosine similarity of the top layer's final h for %d inputs:%n", r.inputs());
            int shown = Math.min(12, r.inputs());
            for (int a = 0; a < shown; a++) {
                StringBuilder row = new StringBuilder(String.format("  %-22s", labels.get(a)));
                for (int b = 0; b < shown; b++) {
                    row.append(String.format(" %5.2f", top.cosine()[a][b]));
                }
                out().println(row);
            }
            out().println("  layer  max sim  mean sim  mean unit variance  largest difference");
            for (HiddenInspection.LayerSimilarity l : r.layers()) {
                out().printf("  %5d  %7.3f  %8.3f  %18.3g  %17.2f%%%n", l.layer(), l.maxSimilarity(), l.meanSimilarity(),
                        l.meanUnitVariance(), 100 * l.maxRelativeDistance());
            }
            out().print("dependence of h_n on the token k steps before the end (relative change):");
            for (HiddenInspection.Dependence d : r.dependence()) {
                out().printf("  k=%d: %.3f", d.stepsBack(), d.relativeChange());
            }
            out().println();
            out().printf("h_n still depends on tokens up to %d steps back (change ≥ %.0f%%)%n", r.memoryHorizon(),
                    100 * HiddenInspection.DEPENDENCE_FLOOR);
            List<String> warnings = new ArrayList<>();
            if (r.collapsed()) {
                warnings.add("HIDDEN_COLLAPSE");
                out().printf("warning HIDDEN_COLLAPSE: the final states are nearly identical (no two differ by more than"
                        + " %.3f%% of their size; limit %.0f%%)%n", 100 * top.maxRelativeDistance(),
                        100 * HiddenInspection.COLLAPSE_DISTANCE);
                out().println("  advice: if the inputs end alike, the tail erased what came before (see the dependence row);"
                        + " otherwise train longer, use a larger --hidden or a sane --init");
            }
            workspace.figures().put("inspect.max_similarity", top.maxSimilarity());
            workspace.figures().put("inspect.mean_similarity", top.meanSimilarity());
            workspace.figures().put("inspect.max_difference", top.maxRelativeDistance());
            workspace.figures().put("inspect.memory_horizon", r.memoryHorizon());
            workspace.figures().setWarnings(warnings);
        }
    }

    @Command(
            name = "gates",
            description = "Recompute the input, forget and output gates and the cell candidate of every layer from"
                    + " the weights, check them against the fused LSTM's h and c, and show how many sit saturated (a"
                    + " gate below " + GateInspection.GATE_MARGIN + " or above " + (1 - GateInspection.GATE_MARGIN)
                    + ", a tanh unit beyond ±" + GateInspection.TANH_LIMIT + "). SATURATED_GATES when more than "
                    + (int) (100 * GateInspection.SATURATED_SHARE_LIMIT) + "%% are.",
            footer = {"", "Example:", "  inspect gates \"Chapter 1\\nThe Secret Shell\" --gate forget --layer 0 --png gates.png"})
    public static final class Gates extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "TEXT", description = "Input text (\\n understood).")
        String text;

        @Option(names = "--gate", paramLabel = "GATE", defaultValue = "forget",
                completionCandidates = GateNames.class,
                description = "Gate for the heat map: input, forget, output, candidate, cell or h (default: ${DEFAULT-VALUE}).")
        String gate;

        @Option(names = "--layer", paramLabel = "N", defaultValue = "0", description = "Layer for the heat map (default: ${DEFAULT-VALUE}).")
        int layer;

        @Option(names = "--png", paramLabel = "FILE", description = "Also write the layer's four gates as a PNG picture.")
        Path png;

        public Gates(Workspace workspace) {
            super(workspace);
        }

        @Override
        protected void run() throws IOException {
            LstmLanguageModel model = workspace.requireModel();
            if (layer < 0 || layer >= model.settings().layers()) {
                throw new LstmshException("--layer must be between 0 and " + (model.settings().layers() - 1) + ", got " + layer);
            }
            int[] tokens = tokens(workspace, model, text);
            LstmProbe.Result probe = LstmProbe.run(model, tokens);
            LstmProbe.LayerTrace trace = probe.layers().get(layer);
            float[][] chosen = select(trace, gate);
            GateInspection.Report r = GateInspection.of(probe);
            out().println("  layer  mean i  mean f  mean o  mean g   saturated gates  saturated tanh");
            for (GateInspection.Layer l : r.layers()) {
                out().printf("  %5d  %6.3f  %6.3f  %6.3f  %6.3f   %14.1f%%  %13.1f%%%n", l.index(), l.meanInput(),
                        l.meanForget(), l.meanOutput(), l.meanCandidate(), 100 * l.saturatedGates(), 100 * l.saturatedTanh());
            }
            out().printf("recomputed from the weights: max difference from the fused LSTM's h and c %.2g (%s)%n",
                    r.recomputationError(), r.matchesFused() ? "match" : "MISMATCH");
            List<String> labels = new ArrayList<>();
            Vocabulary vocabulary = model.vocabulary();
            for (int i = 0; i < tokens.length; i++) {
                labels.add(String.format("%3d %s", i, Vocabulary.display(vocabulary.token(tokens[i]))));
            }
            out().printf("%s of layer %d, one row per step, one column per group of units (' ' = low, '@' = high):%n",
                    gate, layer);
            for (String line : HeatMap.text(chosen, labels, 40, Math.min(64, workspace.console().width() - 20))) {
                out().println("  " + line);
            }
            if (png != null) {
                HeatMap.png(png, List.of("input", "forget", "candidate (g)", "output"),
                        List.of(trace.input(), trace.forget(), unit(trace.candidate()), trace.output()));
                out().printf("wrote %s (layer %d: rows are steps, columns are units)%n", png, layer);
            }
            List<String> warnings = new ArrayList<>();
            if (r.saturated()) {
                warnings.add("SATURATED_GATES");
                out().printf("warning SATURATED_GATES: %.0f%% of gate and tanh activations are saturated%n", 100 * r.saturatedShare());
                out().println("  advice: lower --lr, keep --clip on, or start again from a smaller --init scale");
            }
            if (!r.matchesFused()) {
                throw new LstmshException("recomputed gates differ from the fused LSTM by " + r.recomputationError());
            }
            workspace.figures().put("inspect.saturated_share", r.saturatedShare());
            workspace.figures().put("inspect.recompute_error", r.recomputationError());
            workspace.figures().setWarnings(warnings);
        }

        private static float[][] select(LstmProbe.LayerTrace t, String gate) {
            return switch (gate) {
                case "input", "i" -> t.input();
                case "forget", "f" -> t.forget();
                case "output", "o" -> t.output();
                case "candidate", "g" -> unit(t.candidate());
                case "cell", "c" -> unit(tanh(t.cell()));
                case "h" -> unit(t.h());
                default -> throw new LstmshException("unknown gate '" + gate + "'; use input, forget, output, candidate, cell or h");
            };
        }

        private static float[][] tanh(float[][] v) {
            float[][] out = new float[v.length][];
            for (int i = 0; i < v.length; i++) {
                out[i] = new float[v[i].length];
                for (int j = 0; j < v[i].length; j++) {
                    out[i][j] = (float) Math.tanh(v[i][j]);
                }
            }
            return out;
        }

        /** Maps [-1, 1] to [0, 1] for shading. */
        private static float[][] unit(float[][] v) {
            float[][] out = new float[v.length][];
            for (int i = 0; i < v.length; i++) {
                out[i] = new float[v[i].length];
                for (int j = 0; j < v[i].length; j++) {
                    out[i][j] = (v[i][j] + 1) / 2;
                }
            }
            return out;
        }
    }

    static final class GateNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("input", "forget", "output", "candidate", "cell", "h").iterator();
        }
    }

    /** Token ids of a text, skipping (and naming) tokens the model does not know. */
    static int[] tokens(Workspace workspace, LstmLanguageModel model, String text) {
        String unescaped = StringEscapeUtils.unescapeJava(text);
        List<String> split = model.tokenizer().split(unescaped);
        List<Integer> ids = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String token : split) {
            int id = model.vocabulary().id(token);
            if (id < 0) {
                unknown.add(Vocabulary.display(token));
            } else {
                ids.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            workspace.out().println("note: skipped tokens not in the vocabulary: " + String.join(" ", unknown));
        }
        if (ids.isEmpty()) {
            throw new LstmshException("the text has no token the model knows; give text in the corpus' alphabet");
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 20 ? "\"" + flat + "\"" : "\"" + flat.substring(0, 17) + "...\"";
    }
}

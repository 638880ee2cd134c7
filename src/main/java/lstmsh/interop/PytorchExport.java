package lstmsh.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.Gson;

import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.model.StateDictNames;
import lstmsh.util.AtomicFiles;
import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model written for PyTorch: {@code model.safetensors} (the state_dict of the module in
 * {@code README.md}), {@code vocab.json} (the tokens in id order), {@code check.safetensors}
 * (a probe sequence with the logits, h_n and c_n lstmsh computes for it, to prove a rebuilt
 * module equal) and {@code README.md} (the Python that rebuilds the module and checks it).
 */
public final class PytorchExport {

    public static final String WEIGHTS = "model.safetensors";
    public static final String VOCABULARY = "vocab.json";
    public static final String CHECK = "check.safetensors";
    public static final String README = "README.md";
    /** Tokens of the probe sequence in {@code check.safetensors}. */
    static final int PROBE_LENGTH = 32;

    private PytorchExport() {}

    /** The files written, in order. */
    public record Report(List<Path> files) {}

    public static Report write(Path dir, LstmLanguageModel model) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LstmshException(dir + " is a file; give a directory for the exported model");
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            write(dir.resolve(WEIGHTS), SafetensorsFile.encode(
                    stateDict(model.settings(), model.snapshot(), model.parameterShapes())), files);
            write(dir.resolve(VOCABULARY), new Gson().toJson(model.vocabulary().tokens())
                    .getBytes(StandardCharsets.UTF_8), files);
            write(dir.resolve(CHECK), SafetensorsFile.encode(check(model)), files);
            write(dir.resolve(README), readme(model).getBytes(StandardCharsets.UTF_8), files);
        } catch (IOException e) {
            throw new LstmshException("could not export to " + dir + ": " + FileErrors.reason(e), e);
        }
        return new Report(files);
    }

    private static void write(Path file, byte[] bytes, List<Path> files) throws IOException {
        AtomicFiles.write(file, temporary -> Files.write(temporary, bytes));
        files.add(file);
    }

    /**
     * Parameter values by lstmsh name as PyTorch's state_dict of the documented module: a tied
     * model also holds {@code decoder.weight}, so that {@code load_state_dict} finds every key.
     */
    public static Map<String, Tensor> stateDict(ModelSettings settings, Map<String, float[]> values,
            Map<String, Shape> shapes) {
        Map<String, Tensor> dict = new LinkedHashMap<>();
        StateDictNames.of(settings).forEach((ours, theirs) -> {
            if (theirs.equals(StateDictNames.DECODER_BIAS) && settings.tie()) {
                dict.put(StateDictNames.DECODER_WEIGHT, new Tensor(
                        shapes.get(LstmLanguageModel.EMBEDDING).getShape(), values.get(LstmLanguageModel.EMBEDDING)));
            }
            dict.put(theirs, new Tensor(shapes.get(ours).getShape(), values.get(ours)));
        });
        return dict;
    }

    /** A fixed probe over the whole vocabulary and what lstmsh computes for it from a zero state. */
    static Map<String, Tensor> check(LstmLanguageModel model) {
        int vocabulary = model.vocabulary().size();
        long[] probe = new long[PROBE_LENGTH];
        float[] probeValues = new float[PROBE_LENGTH];
        for (int i = 0; i < PROBE_LENGTH; i++) {
            probe[i] = (7L * i + 1) % vocabulary;
            probeValues[i] = probe[i];
        }
        Map<String, Tensor> check = new LinkedHashMap<>();
        check.put("tokens", new Tensor(new long[] {1, PROBE_LENGTH}, probeValues));
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray tokens = scope.create(probe, new Shape(1, PROBE_LENGTH));
            LstmLanguageModel.Output out = model.forward(tokens, null, false);
            check.put("logits", new Tensor(new long[] {1, PROBE_LENGTH, vocabulary}, out.logits().toFloatArray()));
            for (int l = 0; l < model.settings().layers(); l++) {
                NDArray h = out.state().h().get(l);
                check.put("h_n." + l, new Tensor(h.getShape().getShape(), h.toFloatArray()));
                check.put("c_n." + l, new Tensor(h.getShape().getShape(), out.state().c().get(l).toFloatArray()));
            }
        }
        return check;
    }

    /** The README: the module, loading, the check, and how text becomes ids at this level. */
    static String readme(LstmLanguageModel model) {
        ModelSettings s = model.settings();
        int v = model.vocabulary().size();
        List<StateDictNames.LayerRun> runs = StateDictNames.runs(s.hidden());
        StringBuilder lstm = new StringBuilder();
        int in = s.embed();
        for (StateDictNames.LayerRun run : runs) {
            lstm.append(lstm.length() == 0 ? "" : ", ").append("nn.LSTM(").append(in).append(", ").append(run.hidden())
                    .append(run.count() > 1 ? ", num_layers=" + run.count() : "").append(", batch_first=True)");
            in = run.hidden();
        }
        boolean single = runs.size() == 1;
        boolean word = model.tokenizer().level().startsWith("word");
        return "# " + model.tokenizer().level() + "-level LSTM language model exported by lstmsh\n\n"
                + "embedding(" + v + "×" + s.embed() + ") → LSTM " + s.hidden() + " → linear(" + s.topHidden() + "×" + v
                + ")" + (s.tie() ? ", tied to the embedding" : "") + "; gates in PyTorch's order i, f, g, o.\n\n"
                + "```python\n"
                + "import json, torch\n"
                + "from torch import nn\n"
                + "from safetensors.torch import load_file\n\n"
                + "class LstmLm(nn.Module):\n"
                + "    def __init__(self):\n"
                + "        super().__init__()\n"
                + "        self.embedding = nn.Embedding(" + v + ", " + s.embed() + ")\n"
                + (single ? "        self.lstm = " + lstm + "\n"
                        : "        self.lstm = nn.ModuleList([" + lstm + "])\n")
                + "        self.decoder = nn.Linear(" + s.topHidden() + ", " + v + ")\n"
                + (s.tie() ? "        self.decoder.weight = self.embedding.weight\n" : "")
                + "\n"
                + (single
                        ? "    def forward(self, ids, state=None):  # ids: (batch, steps) int64\n"
                                + "        out, state = self.lstm(self.embedding(ids), state)\n"
                                + "        return self.decoder(out), state\n"
                        : "    def forward(self, ids, states=None):  # ids: (batch, steps) int64; one (h, c) per nn.LSTM\n"
                                + "        x, states, new = self.embedding(ids), states or [None] * len(self.lstm), []\n"
                                + "        for lstm, state in zip(self.lstm, states):\n"
                                + "            x, state = lstm(x, state)\n"
                                + "            new.append(state)\n"
                                + "        return self.decoder(x), new\n")
                + "\n"
                + "model = LstmLm().eval()\n"
                + "model.load_state_dict(load_file(\"" + WEIGHTS + "\"))\n"
                + "vocab = json.load(open(\"" + VOCABULARY + "\", encoding=\"utf-8\"))\n"
                + "ids = {token: i for i, token in enumerate(vocab)}\n\n"
                + "# The check: lstmsh's own logits for a probe sequence.\n"
                + "check = load_file(\"" + CHECK + "\")\n"
                + "with torch.no_grad():\n"
                + "    logits, _ = model(check[\"tokens\"].long())\n"
                + "print(\"max abs difference:\", (logits - check[\"logits\"]).abs().max().item())\n"
                + "```\n\n"
                + (word
                        ? "Tokens are words, punctuation marks and newlines as lstmsh splits them (`vocab.json`).\n"
                        : "Tokens are single characters: `[ids[c] for c in text]`.\n")
                + "lstmsh predicts the first token of a text after a newline: prepend `\"\\n\"` (when the vocabulary"
                + " has it) to match `score` and `sample`.\n";
    }
}

package lstmsh.interop;

import lstmsh.model.LstmLanguageModel;
import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch state_dict saved with safetensors, read into an lstmsh model: the module names users
 * commonly give ({@code encoder}, {@code rnn}, {@code fc} ...) and the prefixes that wrappers add
 * ({@code module.} of DataParallel, {@code _orig_mod.} of torch.compile) are renamed to
 * {@link lstmsh.model.StateDictNames}' names, after the user's own {@code OLD=NEW} renames.
 */
public final class PytorchImport {

    /** Each canonical module and the names commonly given to it, the canonical one first. */
    private static final Map<String, List<String>> ALIASES = Map.of(
            "embedding", List.of("embedding", "encoder", "embed", "emb", "embeddings", "word_embeddings"),
            "lstm", List.of("lstm", "rnn", "rnns", "lstms"),
            "decoder", List.of("decoder", "fc", "linear", "out", "output", "head"));
    private static final List<String> WRAPPERS = List.of("module.", "_orig_mod.");
    private static final String HINT = "; rename with --map OLD=NEW (e.g. --map my_rnn=lstm)";

    private PytorchImport() {}

    /** The model and the renames that were applied, e.g. {@code encoder → embedding}. */
    public record Imported(LstmLanguageModel model, List<String> renames) {}

    /**
     * Reads {@code weights} and the vocabulary and builds the model.
     *
     * @param level {@code char}, {@code word} ..., or null to infer it from the vocabulary
     * @param maps the user's renames, each {@code OLD=NEW}: a name equal to OLD or starting with
     *     {@code OLD.} gets NEW in its place
     */
    public static Imported load(Path weights, Path vocabulary, String level, List<String> maps) {
        refuseTorchPickle(weights);
        Map<String, Tensor> stored = SafetensorsFile.read(weights);
        List<String> tokens = VocabularyFile.read(vocabulary);
        List<String> renames = new ArrayList<>();
        Map<String, Tensor> canonical = canonical(stored, maps, renames);
        return new Imported(ModelImport.build(canonical, tokens, level, HINT), renames);
    }

    /** {@code stored} under canonical names; each rename made is added to {@code renames}. */
    static Map<String, Tensor> canonical(Map<String, Tensor> stored, List<String> maps, List<String> renames) {
        Map<String, Tensor> named = new LinkedHashMap<>(stored);
        for (String map : maps) {
            int eq = map.indexOf('=');
            if (eq <= 0 || eq == map.length() - 1) {
                throw new LstmshException("--map takes OLD=NEW, e.g. --map my_rnn=lstm; got '" + map + "'");
            }
            named = renamed(named, map.substring(0, eq), map.substring(eq + 1), renames, true);
        }
        for (String wrapper : WRAPPERS) {
            String prefix = wrapper.substring(0, wrapper.length() - 1);
            if (named.keySet().stream().allMatch(n -> n.startsWith(wrapper))) {
                named = renamed(named, prefix, "", renames, false);
            }
        }
        for (Map.Entry<String, List<String>> module : ALIASES.entrySet()) {
            List<String> present = new ArrayList<>();
            for (String alias : module.getValue()) {
                if (named.keySet().stream().anyMatch(n -> n.startsWith(alias + "."))) {
                    present.add(alias);
                }
            }
            if (present.size() > 1) {
                throw new LstmshException("the weights have both " + present.get(0) + ".* and " + present.get(1)
                        + ".*, which could each be the " + module.getKey() + "; say which with --map "
                        + present.get(1) + "=" + module.getKey() + " or --map " + present.get(0) + "="
                        + module.getKey());
            }
            if (present.size() == 1 && !present.get(0).equals(module.getKey())) {
                named = renamed(named, present.get(0), module.getKey(), renames, false);
            }
        }
        return named;
    }

    private static Map<String, Tensor> renamed(Map<String, Tensor> tensors, String old, String replacement,
            List<String> renames, boolean userAsked) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        boolean any = false;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            String renamedName = name;
            if (name.equals(old)) {
                renamedName = replacement;
            } else if (name.startsWith(old + ".")) {
                renamedName = replacement.isEmpty() ? name.substring(old.length() + 1)
                        : replacement + name.substring(old.length());
            }
            any |= !renamedName.equals(name);
            if (out.put(renamedName, e.getValue()) != null) {
                throw new LstmshException("renaming " + old + " to " + (replacement.isEmpty() ? "nothing" : replacement)
                        + " gives two tensors the name " + renamedName + "; choose another --map");
            }
        }
        if (!any && userAsked) {
            throw new LstmshException("--map " + old + "=" + replacement + ": no tensor is named " + old + " or "
                    + old + ".*; the names start with " + firstComponents(tensors));
        }
        if (any) {
            renames.add((old) + " → " + (replacement.isEmpty() ? "(dropped)" : replacement));
        }
        return out;
    }

    private static String firstComponents(Map<String, Tensor> tensors) {
        return String.join(", ", tensors.keySet().stream()
                .map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n).distinct().limit(8).toList());
    }

    /** A torch.save file (a zip or a pickle) is not read: unpickling can run any code. */
    private static void refuseTorchPickle(Path weights) {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(weights)) {
            if (in.readNBytes(head, 0, 2) < 2) {
                return;
            }
        } catch (IOException e) {
            throw new LstmshException("cannot read " + weights + ": " + FileErrors.reason(e), e);
        }
        boolean zip = head[0] == 'P' && head[1] == 'K';
        boolean pickle = (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5;
        if (zip || pickle) {
            throw new LstmshException(weights + " was written by torch.save, which lstmsh does not read (loading it"
                    + " can run code); in Python: from safetensors.torch import save_file;"
                    + " save_file(model.state_dict(), 'model.safetensors')");
        }
    }
}

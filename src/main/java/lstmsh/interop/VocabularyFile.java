package lstmsh.interop;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary written by another framework's training script: the tokens in id order, as a
 * JSON list, a JSON {@code {token: id}} map, or one token per line. A line file cannot hold a
 * newline or a leading or trailing tab, so there {@code \n}, {@code \t} and {@code \r} stand
 * for them and {@code \\} for a backslash; JSON holds any token as it is.
 */
public final class VocabularyFile {

    private static final Gson GSON = new Gson();

    private VocabularyFile() {}

    /** The tokens of {@code file}, id 0 first. */
    public static List<String> read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new LstmshException(file + " is not UTF-8 text; give the vocabulary as a token list (one per line, or JSON)");
        } catch (IOException e) {
            throw new LstmshException("cannot read the vocabulary " + file + ": " + FileErrors.reason(e), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String start = text.stripLeading();
        List<String> tokens = start.startsWith("[") || start.startsWith("{") ? json(file, text) : lines(text);
        if (tokens.isEmpty()) {
            throw new LstmshException(file + " holds no tokens; give the vocabulary in id order, one token per line or as JSON");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            Integer first = seen.putIfAbsent(tokens.get(id), id);
            if (first != null) {
                throw new LstmshException(file + " lists the token '" + escape(tokens.get(id)) + "' twice (ids "
                        + first + " and " + id + "); each token must appear once, in id order");
            }
        }
        return tokens;
    }

    private static List<String> json(Path file, String text) {
        JsonElement root;
        try {
            root = GSON.fromJson(text, JsonElement.class);
        } catch (JsonParseException e) {
            throw new LstmshException(file + " starts like JSON but is not valid JSON; give a JSON list of tokens, "
                    + "a {token: id} map, or one token per line");
        }
        if (root instanceof JsonArray array) {
            List<String> tokens = new ArrayList<>();
            for (JsonElement e : array) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new LstmshException(file + ": entry " + tokens.size() + " of the JSON list is " + e
                            + ", not a string; the list must hold the tokens in id order");
                }
                tokens.add(e.getAsString());
            }
            return tokens;
        }
        if (root instanceof JsonObject object) {
            String[] byId = new String[object.size()];
            for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                JsonElement v = e.getValue();
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()
                        || v.getAsDouble() != Math.rint(v.getAsDouble())) {
                    throw new LstmshException(file + ": the token '" + escape(e.getKey()) + "' maps to " + v
                            + ", not an integer id; the map must be {token: id}");
                }
                double id = v.getAsDouble();
                if (id < 0 || id >= byId.length) {
                    throw new LstmshException(file + ": the token '" + escape(e.getKey()) + "' has id " + (long) id
                            + " but the map holds " + byId.length + " tokens; ids must be 0 to " + (byId.length - 1));
                }
                if (byId[(int) id] != null) {
                    throw new LstmshException(file + ": the tokens '" + escape(byId[(int) id]) + "' and '"
                            + escape(e.getKey()) + "' both have id " + (long) id + "; each id must appear once");
                }
                byId[(int) id] = e.getKey();
            }
            return Arrays.asList(byId);
        }
        throw new LstmshException(file + " holds JSON that is neither a list of tokens nor a {token: id} map");
    }

    private static List<String> lines(String text) {
        List<String> tokens = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--; // the newline that ends the last line
        }
        for (int i = 0; i < count; i++) {
            tokens.add(unescape(lines[i]));
        }
        return tokens;
    }

    private static String unescape(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                String replaced = switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '\\' -> "\\";
                    default -> null;
                };
                if (replaced != null) {
                    out.append(replaced);
                    i++;
                    continue;
                }
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** The escaped form a line file uses, so a written file reads back as the same tokens. */
    public static String escape(String token) {
        return token.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }
}

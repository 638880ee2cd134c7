package lstmsh.checkpoint;

import ai.djl.ndarray.types.Shape;

import lstmsh.util.FileErrors;
import lstmsh.util.LstmshException;
import lstmsh.util.Messages;
import lstmsh.corpus.Tokenizers;
import lstmsh.corpus.Vocabulary;
import lstmsh.model.LstmLanguageModel;
import lstmsh.model.ModelSettings;
import lstmsh.train.TrainingState;
import lstmsh.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint directory: {@code lstmsh.json} (see {@link Manifest}) and the array files (see
 * {@link CheckpointArrays}), whose SHA-256 the manifest records and load checks. It is written beside its target and renamed into place, so a
 * crash never leaves half a checkpoint where a good one was.
 */
public final class Checkpoint {

    private Checkpoint() {}

    /** What a checkpoint restores. */
    public record Loaded(LstmLanguageModel model, TrainingState training, String corpusSource) {}

    public static void save(Path dir, LstmLanguageModel model, TrainingState training, String corpusSource) {
        save(dir, model, training, corpusSource, () -> { });
    }

    /** Refuses a target that is a file or a folder of something else, before anything is written or trained. */
    public static void checkTarget(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LstmshException(dir + " is a file; give a directory path for the checkpoint");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !Files.exists(dir.resolve(Manifest.FILE))) {
            throw new LstmshException(
                    dir + " exists and is not an lstmsh checkpoint; choose another directory");
        }
    }

    /** As {@link #save(Path, LstmLanguageModel, TrainingState, String)}; {@code midSave} runs after the first file is written. */
    static void save(Path dir, LstmLanguageModel model, TrainingState training, String corpusSource, Runnable midSave) {
        dir = dir.toAbsolutePath().normalize();
        checkTarget(dir);
        Path parent = dir.getParent();
        String stamp = Long.toString(System.nanoTime());
        Path temporary = parent.resolve("." + dir.getFileName() + ".saving-" + stamp);
        try {
            Files.createDirectories(parent);
            Files.createDirectories(temporary);
            Map<String, String> files = CheckpointArrays.write(temporary, model, training, midSave);
            Manifest.of(model, training, corpusSource, files).write(temporary);
            Path old = null;
            if (Files.exists(dir)) {
                old = parent.resolve("." + dir.getFileName() + ".old-" + stamp);
                AtomicFiles.moveIntoPlace(dir, old);
            }
            AtomicFiles.moveIntoPlace(temporary, dir);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            if (e instanceof LstmshException le) {
                throw le;
            }
            String reason = e instanceof IOException io ? FileErrors.reason(io)
                    : e instanceof UncheckedIOException io ? FileErrors.reason(io)
                    : Messages.plain(e, "an unexpected error");
            throw new LstmshException("could not save to " + dir + ": " + reason
                    + (Files.isDirectory(dir) ? "; the checkpoint there is unchanged" : ""), e);
        }
        training.markSaved();
    }

    public static Loaded load(Path dir) {
        if (!Files.exists(dir)) {
            Path previous = interruptedSave(dir);
            throw new LstmshException(previous == null
                    ? "no such checkpoint: " + dir
                    : "no checkpoint at " + dir + ", but a save there was interrupted; the previous checkpoint is intact at "
                            + previous + ": rename it to " + dir.getFileName() + " to use it");
        }
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE))) {
            throw new LstmshException(
                    dir + " is not an lstmsh checkpoint (no " + Manifest.FILE + "); give a directory made by 'save'");
        }
        Manifest manifest = Manifest.read(dir);
        try {
            ModelSettings settings = manifest.model();
            Vocabulary vocabulary = new Vocabulary(manifest.vocabulary());
            Map<String, Shape> expected = LstmLanguageModel.parameterShapes(settings, vocabulary.size());
            CheckpointArrays.Stored stored = CheckpointArrays.Stored.open(dir, manifest);
            Map<String, float[]> values = CheckpointArrays.parameters(stored, expected, settings, vocabulary.size());
            LstmLanguageModel model = LstmLanguageModel.withParameters(
                    settings, vocabulary, Tokenizers.forLevel(manifest.tokenizer()), values);
            TrainingState training = new TrainingState(model.manager());
            try {
                manifest.training().restoreInto(training);
                CheckpointArrays.restore(stored, training, manifest.training(), expected, settings, vocabulary.size());
                training.markSaved();
            } catch (RuntimeException | IOException e) {
                training.close();
                model.close();
                throw e;
            }
            return new Loaded(model, training, manifest.corpus());
        } catch (IOException e) {
            throw new LstmshException("cannot read checkpoint " + dir + ": " + FileErrors.reason(e), e);
        } catch (NullPointerException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new LstmshException(dir.resolve(Manifest.FILE) + " is damaged or incomplete; save the model again");
        } catch (IllegalArgumentException e) {
            throw new LstmshException(dir.resolve(Manifest.FILE) + " holds invalid settings: " + e.getMessage());
        }
    }

    /** A sibling left by a save interrupted between its two renames, or null. */
    private static Path interruptedSave(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return null;
        }
        String prefix = "." + abs.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isRegularFile(p.resolve(Manifest.FILE)))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless: its name starts with a dot.
        }
    }
}

package lstmsh.command;

import lstmsh.util.LstmshException;

import java.nio.file.Files;
import java.nio.file.Path;

/** What commands check and say about a file the user asked them to write. */
final class OutputFiles {

    private OutputFiles() {}

    /** Refuses a folder as the target of a file, before any work is done. */
    static void requireFileTarget(Path target, String option) {
        if (Files.isDirectory(target)) {
            throw new LstmshException(option + " " + target + " is a folder; give a file name, e.g. "
                    + target.resolve("picture.png"));
        }
    }

    /** The outermost folder above {@code target} that does not exist yet, or null when its folder exists. */
    static Path missingFolder(Path target) {
        Path missing = null;
        for (Path p = target.toAbsolutePath().normalize().getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** The note that writing made folders the user may not have meant, or empty. */
    static String createdNote(Path missing) {
        return missing == null ? "" : " (created " + missing + ")";
    }
}

package lstmsh.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a source into contiguous parts of about equal size for a parallel load. A cut inside a
 * file falls just after a newline byte, where decoding, normalising and splitting carry no
 * state, so each part encodes on its own exactly as it would in one pass.
 */
final class Segments {

    /** Bytes [start, end) of a file; {@code separatorAfter} when another file follows it. */
    record Piece(Path file, long start, long end, boolean fileStart, boolean separatorAfter) {}

    private Segments() {}

    static List<List<Piece>> plan(List<Path> files, int parts) throws IOException {
        long[] sizes = new long[files.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Files.size(files.get(i));
            total += sizes[i];
        }
        // Cut points as (file, offset), in order; offset == size means "after this file".
        List<long[]> cuts = new ArrayList<>();
        long before = 0;
        int f = 0;
        for (int k = 1; k < parts; k++) {
            long target = total * k / parts;
            while (f < sizes.length - 1 && before + sizes[f] <= target) {
                before += sizes[f];
                f++;
            }
            long offset = afterNewline(files.get(f), target - before, sizes[f]);
            long[] cut = {f, offset};
            long[] last = cuts.isEmpty() ? new long[] {0, 0} : cuts.get(cuts.size() - 1);
            if (cut[0] > last[0] || cut[0] == last[0] && cut[1] > last[1]) {
                cuts.add(cut);
            }
        }
        cuts.add(new long[] {sizes.length - 1, sizes[sizes.length - 1]});
        List<List<Piece>> out = new ArrayList<>();
        int file = 0;
        long offset = 0;
        for (long[] cut : cuts) {
            List<Piece> part = new ArrayList<>();
            while (file < cut[0] || file == cut[0] && offset < cut[1]) {
                long end = file < cut[0] ? sizes[file] : cut[1];
                if (end > offset) {
                    boolean fileEnd = end == sizes[file];
                    part.add(new Piece(files.get(file), offset, end, offset == 0, fileEnd && file < sizes.length - 1));
                }
                if (end == sizes[file]) {
                    file++;
                    offset = 0;
                } else {
                    offset = end;
                }
            }
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** The offset just after the first newline byte at or after {@code from}; the size when none. */
    private static long afterNewline(Path file, long from, long size) throws IOException {
        if (from <= 0) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            long at = from;
            while (at < size) {
                b.clear();
                int n = ch.read(b, at);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (b.get(i) == '\n') {
                        return at + i + 1;
                    }
                }
                at += n;
            }
        }
        return size;
    }
}

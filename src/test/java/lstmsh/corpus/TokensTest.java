package lstmsh.corpus;

import lstmsh.CoreTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

@CoreTest
class TokensTest {

    @Test
    void chunkedStoreReadsAcrossChunkBoundaries() {
        int n = TokenBuffer.CHUNK + 1000;
        TokenBuffer buffer = new TokenBuffer(16);
        buffer.fit(49_999);
        for (int i = 0; i < n; i++) {
            buffer.add(i % 50_000);
        }
        Tokens t = Tokens.over(buffer.store());
        assertEquals(n, t.size());
        assertEquals(2, t.bytesPerToken());
        int edge = TokenBuffer.CHUNK - 3;
        long[] out = new long[8];
        t.copyTo(edge, out, 0, 8);
        for (int k = 0; k < 8; k++) {
            assertEquals((edge + k) % 50_000, out[k]);
        }
        Tokens slice = t.slice(edge, edge + 8);
        assertEquals((edge + 7) % 50_000, slice.get(7));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.get(8));
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(5, n + 1));
    }

    @Test
    void widensFromOneToTwoToFourBytesAsIdsGrow() {
        TokenBuffer buffer = new TokenBuffer(16);
        for (int i = 0; i < 5000; i++) {
            buffer.add(i % 100);
        }
        assertEquals(1, buffer.width());
        buffer.fit(300);
        buffer.add(300);
        assertEquals(2, buffer.width());
        buffer.fit(100_000);
        buffer.add(100_000);
        Tokens t = Tokens.over(buffer.store());
        assertEquals(4, t.bytesPerToken());
        assertEquals(99, t.get(4999));
        assertEquals(300, t.get(5000));
        assertEquals(100_000, t.get(5001));
        assertArrayEquals(new int[] {1, 2, 3}, Tokens.of(new int[] {1, 2, 3, 4}, 3, 70_000).toArray());
        assertEquals(1, Tokens.of(new int[] {1, 2, 3, 4}, 3, 256).bytesPerToken());
        assertEquals(2, Tokens.of(new int[] {1, 2, 3, 4}, 3, 257).bytesPerToken());
    }

    @Test
    void renumberingNarrowsOrWidensChunkByChunk() {
        int n = TokenBuffer.CHUNK + 77;
        TokenBuffer buffer = new TokenBuffer(16);
        buffer.fit(999);
        for (int i = 0; i < n; i++) {
            buffer.add(i % 1000);
        }
        int[] map = new int[1000];
        for (int i = 0; i < map.length; i++) {
            map[i] = (i * 7) % 200;
        }
        StatsBuilder stats = new StatsBuilder(200, -1, -1, 1);
        Tokens t = Tokens.over(buffer.remap(map, 200, stats, () -> {}));
        assertEquals(1, t.bytesPerToken());
        assertEquals(n, t.size());
        assertEquals((TokenBuffer.CHUNK % 1000) * 7 % 200, t.get(TokenBuffer.CHUNK));
        assertEquals(((n - 1) % 1000) * 7 % 200, t.get(n - 1));
    }

    @Test
    void statsMatchABruteForceCountWhateverTheChunking() {
        SplittableRandom random = new SplittableRandom(11);
        int vocab = 6;
        int newline = 0;
        int[] ids = new int[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(10) < 2 ? newline : 1 + random.nextInt(random.nextBoolean() ? 2 : vocab - 1);
            if (random.nextInt(100) == 0) {
                // A long run, so runs cross many of the small chunks below.
                for (int k = random.nextInt(60); k > 0 && i + 1 < ids.length; k--) {
                    ids[i + 1] = ids[i];
                    i++;
                }
            }
        }
        for (int endingLength : new int[] {1, 2, 8}) {
            StatsBuilder b = new StatsBuilder(vocab, newline, -1, endingLength);
            int at = 0;
            while (at < ids.length) {
                int k = Math.min(ids.length - at, 1 + random.nextInt(random.nextBoolean() ? 5 : 3000));
                b.scan(Arrays.copyOfRange(ids, at, at + k), k);
                at += k;
            }
            long[] counts = new long[vocab];
            for (int id : ids) {
                counts[id]++;
            }
            CorpusStats stats = b.finish(counts);
            int[] longest = new int[vocab];
            for (int i = 0, run = 0; i < ids.length; i++) {
                run = i > 0 && ids[i] == ids[i - 1] ? run + 1 : 1;
                longest[ids[i]] = Math.max(longest[ids[i]], run);
            }
            Map<List<Integer>, Integer> endings = new HashMap<>();
            long lines = 0;
            int start = 0;
            for (int i = 0; i <= ids.length; i++) {
                if (i == ids.length || ids[i] == newline) {
                    if (i > start) {
                        lines++;
                        List<Integer> e = Arrays.stream(ids, Math.max(start, i - endingLength), i).boxed().toList();
                        endings.merge(e, 1, Integer::sum);
                    }
                    start = i + 1;
                }
            }
            for (int v = 0; v < vocab; v++) {
                assertEquals(longest[v], stats.longestRun(v), "run of " + v);
            }
            assertEquals(lines, stats.lines());
            int best = endings.values().stream().max(Integer::compare).orElseThrow();
            assertEquals(best, stats.commonEndingCount(), "ending length " + endingLength);
            assertEquals(best, endings.get(Arrays.stream(stats.commonEnding()).boxed().toList()));
            assertTrue(stats.endingExact());
        }
    }

    @Test
    void endingCountStaysWithinItsBoundWhenTheSummaryOverflows() {
        SplittableRandom random = new SplittableRandom(5);
        int lines = 200_000;
        StatsBuilder b = new StatsBuilder(1_000_000, 0, -1, 2);
        int[] chunk = new int[3 * lines];
        int common = 0;
        for (int i = 0; i < lines; i++) {
            boolean same = random.nextInt(3) == 0;
            common += same ? 1 : 0;
            chunk[3 * i] = same ? 7 : 1 + random.nextInt(999_000);
            chunk[3 * i + 1] = same ? 8 : 1 + random.nextInt(999_000);
            chunk[3 * i + 2] = 0;
        }
        b.scan(chunk, chunk.length);
        CorpusStats stats = b.finish(new long[1_000_000]);
        assertArrayEquals(new int[] {7, 8}, stats.commonEnding());
        assertTrue(stats.commonEndingCount() <= common);
        assertTrue(stats.commonEndingCount() >= common - lines / StatsBuilder.ENDING_SLOTS, stats.commonEndingCount() + " vs " + common);
    }
}

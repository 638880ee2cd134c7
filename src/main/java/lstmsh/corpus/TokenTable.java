package lstmsh.corpus;

import java.util.List;

/**
 * Word → id without making a String per occurrence: a word is looked up straight from the
 * splitter's buffer, and a String is made only the first time a word is seen.
 */
final class TokenTable {

    private int[] ids = new int[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    /** The id of the word in {@code chars[0, length)}, or -1; {@code names} holds every id's token. */
    int find(char[] chars, int length, int hash, List<String> names) {
        int mask = ids.length - 1;
        for (int s = hash & mask; ; s = (s + 1) & mask) {
            int entry = ids[s];
            if (entry == 0) {
                return -1;
            }
            if (hashes[s] == hash) {
                String name = names.get(entry - 1);
                if (name.length() == length && equal(name, chars, length)) {
                    return entry - 1;
                }
            }
        }
    }

    void put(int id, int hash) {
        if (2 * (size + 1) > ids.length) {
            int[] oldIds = ids;
            int[] oldHashes = hashes;
            ids = new int[oldIds.length * 2];
            hashes = new int[oldIds.length * 2];
            size = 0;
            for (int s = 0; s < oldIds.length; s++) {
                if (oldIds[s] != 0) {
                    insert(oldIds[s], oldHashes[s]);
                }
            }
        }
        insert(id + 1, hash);
    }

    private void insert(int entry, int hash) {
        int mask = ids.length - 1;
        int s = hash & mask;
        while (ids[s] != 0) {
            s = (s + 1) & mask;
        }
        ids[s] = entry;
        hashes[s] = hash;
        size++;
    }

    static int hash(char[] chars, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[i];
        }
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    static int hash(String s) {
        return hash(s.toCharArray(), s.length());
    }

    private static boolean equal(String name, char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (name.charAt(i) != chars[i]) {
                return false;
            }
        }
        return true;
    }
}

package lstmsh.corpus;

/**
 * Word → id without making a String per occurrence: a word is looked up straight from the
 * splitter's buffer, and a String is made only the first time a word is seen.
 */
final class TokenTable {

    private int[] ids = new int[1 << 12];
    private int[] hashes = new int[1 << 12];
    private char[][] keys = new char[1 << 12][];
    private int size;

    /** The id of the word in {@code chars[0, length)}, or -1. */
    int find(char[] chars, int length, int hash) {
        int mask = ids.length - 1;
        for (int s = mix(hash) & mask; ; s = (s + 1) & mask) {
            int entry = ids[s];
            if (entry == 0) {
                return -1;
            }
            if (hashes[s] == hash) {
                char[] key = keys[s];
                if (key.length == length) {
                    // Words are short: a plain loop beats the vectorised compare's set-up.
                    int i = 0;
                    while (i < length && key[i] == chars[i]) {
                        i++;
                    }
                    if (i == length) {
                        return entry - 1;
                    }
                }
            }
        }
    }

    void put(int id, char[] chars, int length, int hash) {
        if (2 * (size + 1) > ids.length) {
            int[] oldIds = ids;
            int[] oldHashes = hashes;
            char[][] oldKeys = keys;
            ids = new int[oldIds.length * 2];
            hashes = new int[oldIds.length * 2];
            keys = new char[oldIds.length * 2][];
            size = 0;
            for (int s = 0; s < oldIds.length; s++) {
                if (oldIds[s] != 0) {
                    insert(oldIds[s], oldHashes[s], oldKeys[s]);
                }
            }
        }
        insert(id + 1, hash, java.util.Arrays.copyOf(chars, length));
    }

    private void insert(int entry, int hash, char[] key) {
        int mask = ids.length - 1;
        int s = mix(hash) & mask;
        while (ids[s] != 0) {
            s = (s + 1) & mask;
        }
        ids[s] = entry;
        hashes[s] = hash;
        keys[s] = key;
        size++;
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    /** The hash {@link WordSplitter} keeps as it appends: the String hash of the chars. */
    static int hash(char[] chars, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }
}

package dev.imagecatalog.catalog;

import java.util.Arrays;

/**
 * Load positions of images by a string key (an id key, a canonical reference): a hash table in two
 * arrays, open addressing with linear probing. A catalog of 100,000 images has 300,000 such keys;
 * a {@code HashMap<String, Integer>} would add an entry object and a boxed position for each, all
 * of which the garbage collector copies while a large catalog loads. Written once by the loader,
 * then only read.
 */
final class PositionIndex {

    private static final int ABSENT = -1;

    private String[] keys;
    private int[] positions;
    private int size;

    /** Room for this many keys before the table grows. */
    PositionIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2; // a power of two, at most half full
        keys = new String[capacity];
        positions = new int[capacity];
    }

    /** Stores the position unless the key is there already; returns the position it had, or -1. */
    int putIfAbsent(String key, int position) {
        int slot = slotOf(key, keys);
        if (keys[slot] != null) {
            return positions[slot];
        }
        keys[slot] = key;
        positions[slot] = position;
        if (++size * 2 > keys.length) {
            grow();
        }
        return ABSENT;
    }

    /** The position stored for the key, or -1. */
    int get(String key) {
        int slot = slotOf(key, keys);
        return keys[slot] == null ? ABSENT : positions[slot];
    }

    int size() {
        return size;
    }

    /** The keys, in no particular order. */
    String[] keys() {
        return Arrays.stream(keys).filter(k -> k != null).toArray(String[]::new);
    }

    /** Where the key is, or the empty slot where it would go. */
    private static int slotOf(String key, String[] table) {
        int mask = table.length - 1;
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        while (table[slot] != null && !table[slot].equals(key)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldPositions = positions;
        keys = new String[oldKeys.length * 2];
        positions = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slotOf(oldKeys[i], keys);
                keys[slot] = oldKeys[i];
                positions[slot] = oldPositions[i];
            }
        }
    }
}

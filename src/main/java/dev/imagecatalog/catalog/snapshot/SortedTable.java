package dev.imagecatalog.catalog.snapshot;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A table of byte strings sorted in unsigned byte order, each with an int, searched where it lies
 * (a snapshot's section): no string is made to find one. In UTF-8 byte order every string that
 * starts with a prefix lies in one run, so a prefix search is a binary search and a walk.
 *
 * <p>Layout: the count n; n ints (the values); n + 1 ints (where each string starts in the bytes,
 * then where the last ends); the bytes.
 */
final class SortedTable {

    private final ByteBuffer data;
    private final int count;
    private final int valuesAt;
    private final int startsAt;
    private final int bytesAt;

    /** @throws IllegalArgumentException a table that does not fit its section */
    SortedTable(ByteBuffer section) {
        this.data = section;
        this.count = section.getInt(0);
        if (count < 0 || 4 + 8L * count + 4 > section.capacity()) {
            throw new IllegalArgumentException("a table of " + count + " strings");
        }
        this.valuesAt = 4;
        this.startsAt = valuesAt + 4 * count;
        this.bytesAt = startsAt + 4 * (count + 1);
        if (bytesAt + (long) start(count) != section.capacity()) {
            throw new IllegalArgumentException("a table whose strings do not fill it");
        }
    }

    int size() {
        return count;
    }

    int value(int i) {
        return data.getInt(valuesAt + 4 * i);
    }

    private int start(int i) {
        return data.getInt(startsAt + 4 * i);
    }

    /** The index of the string equal to the key, or -1. */
    int find(byte[] key) {
        int at = lowerBound(key);
        return at < count && equalsAt(at, key) ? at : -1;
    }

    /** The index of the first string not below the key (the count when none). */
    int lowerBound(byte[] key) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compare(middle, key, false) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Whether the i-th string is the key. */
    boolean equalsAt(int i, byte[] key) {
        return compare(i, key, false) == 0;
    }

    /** Whether the i-th string starts with the prefix. */
    boolean startsWith(int i, byte[] prefix) {
        return compare(i, prefix, true) == 0;
    }

    /** The i-th string against the key, in unsigned byte order; as a prefix, only the key's length is compared. */
    private int compare(int i, byte[] key, boolean asPrefix) {
        int from = bytesAt + start(i);
        int length = start(i + 1) - start(i);
        int n = Math.min(length, key.length);
        for (int k = 0; k < n; k++) {
            int difference = (data.get(from + k) & 0xff) - (key[k] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return asPrefix && length >= key.length ? 0 : length - key.length;
    }

    /** A string and its value, to be written. */
    record Entry(byte[] key, int value) {
    }

    /** Writes the entries as a table (sorted here; keys must be distinct). */
    static void write(DataOutputStream out, List<Entry> entries) throws IOException {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, Comparator.comparing(Entry::key, Arrays::compareUnsigned));
        out.writeInt(sorted.length);
        for (Entry entry : sorted) {
            out.writeInt(entry.value());
        }
        int start = 0;
        out.writeInt(0);
        for (Entry entry : sorted) {
            start += entry.key().length;
            out.writeInt(start);
        }
        for (Entry entry : sorted) {
            out.write(entry.key());
        }
    }
}

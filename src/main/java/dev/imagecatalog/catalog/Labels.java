package dev.imagecatalog.catalog;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An image's labels: an immutable map held in two arrays, keys in the order Go writes map keys
 * (UTF-8 byte order). A catalog of 100,000 images holds hundreds of thousands of labels; a tree
 * map per image would cost several times the memory for the same answers.
 */
public final class Labels extends AbstractMap<String, String> {

    private static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    private Labels(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Takes ownership of the arrays (and sorts them); keys must be distinct (the JSON parser refuses duplicate keys). */
    public static Labels of(String[] keys, String[] values) {
        if (keys.length == 0) {
            return EMPTY;
        }
        if (keys.length <= 16) {
            // The usual handful of labels: an insertion sort in place, nothing allocated.
            for (int i = 1; i < keys.length; i++) {
                String key = keys[i];
                String value = values[i];
                int j = i - 1;
                while (j >= 0 && CatalogLoader.compareAsGo(keys[j], key) > 0) {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = key;
                values[j + 1] = value;
            }
            return new Labels(keys, values);
        }
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> CatalogLoader.compareAsGo(keys[a], keys[b]));
        String[] sortedKeys = new String[keys.length];
        String[] sortedValues = new String[keys.length];
        for (int i = 0; i < order.length; i++) {
            sortedKeys[i] = keys[order[i]];
            sortedValues[i] = values[order[i]];
        }
        return new Labels(sortedKeys, sortedValues);
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public String get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String wanted)) {
            return -1;
        }
        int low = 0;
        int high = keys.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = CatalogLoader.compareAsGo(keys[middle], wanted);
            if (order == 0) {
                return middle;
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }

    /** In key order, without an entry object per label (the filter index visits every label of a catalog). */
    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(keys[at], values[at]);
                    }
                };
            }
        };
    }
}

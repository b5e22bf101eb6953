package dev.imagecatalog.catalog.snapshot;

import dev.imagecatalog.catalog.CatalogIndex;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A snapshot's index, searched in its sections: the sorted id keys, the sorted references and the
 * label table with its postings ({@link Layout}). Each section is read and checked on first use.
 */
final class SnapshotIndex implements CatalogIndex {

    private static final int[] NONE = new int[0];

    private final Sections sections;
    /** By section: the tables read so far. */
    private final AtomicReferenceArray<SortedTable> tables = new AtomicReferenceArray<>(Layout.FIRST_BLOCK);

    SnapshotIndex(Sections sections) {
        this.sections = sections;
    }

    @Override
    public int positionOfId(String idKey) {
        SortedTable table = ids();
        int at = table.find(bytes(idKey));
        return at < 0 ? -1 : table.value(at);
    }

    @Override
    public int positionOfReference(String canonical) {
        SortedTable table = references();
        byte[] key = bytes(canonical);
        // The same string may be listed more than once (as written, never: each reference is one image's); the canonical one counts.
        for (int at = table.lowerBound(key); at < table.size() && table.equalsAt(at, key); at++) {
            int value = table.value(at);
            if ((value & Layout.CANONICAL) != 0) {
                return value & ~Layout.CANONICAL;
            }
        }
        return -1;
    }

    @Override
    public int positionOfUniqueIdPrefix(String prefix) {
        SortedTable table = ids();
        byte[] key = bytes(prefix);
        int first = table.lowerBound(key);
        if (first >= table.size() || !table.startsWith(first, key)) {
            return -1;
        }
        boolean ambiguous = first + 1 < table.size() && table.startsWith(first + 1, key);
        return ambiguous ? -1 : table.value(first);
    }

    @Override
    public boolean idPrefixesReady() {
        return lookupsReady();
    }

    @Override
    public boolean lookupsReady() {
        // (and the label strings, which the image found may need)
        return sections.isRead(Layout.IDS) && sections.isRead(Layout.REFERENCES) && sections.isRead(Layout.STRINGS);
    }

    @Override
    public int[] withLabel(String key) {
        return postings(Layout.labelKey(key));
    }

    @Override
    public int[] withLabel(String key, String value) {
        return postings(Layout.labelKey(key, value));
    }

    private int[] postings(byte[] key) {
        if (key == null) {
            return NONE; // (a string no snapshot holds)
        }
        SortedTable table = labels();
        int at = table.find(key);
        if (at < 0) {
            return NONE;
        }
        ByteBuffer postings = sections.get(Layout.POSTINGS);
        try {
            int from = 4 * table.value(at);
            int count = postings.getInt(from);
            if (count < 0 || from + 4 + 4L * count > postings.capacity()) {
                throw new IllegalArgumentException(count + " positions");
            }
            int[] positions = new int[count];
            for (int i = 0; i < count; i++) {
                positions[i] = postings.getInt(from + 4 + 4 * i);
            }
            return positions;
        } catch (RuntimeException e) {
            throw sections.corrupted(Layout.POSTINGS, e);
        }
    }

    @Override
    public int[] withReferencePrefix(String prefix) {
        SortedTable table = references();
        byte[] key = bytes(prefix);
        int from = table.lowerBound(key);
        int to = from;
        while (to < table.size() && table.startsWith(to, key)) {
            to++;
        }
        int[] found = new int[to - from];
        for (int i = from; i < to; i++) {
            found[i - from] = table.value(i) & ~Layout.CANONICAL;
        }
        return CatalogIndex.sortedDistinct(found);
    }

    private SortedTable ids() {
        return table(Layout.IDS);
    }

    private SortedTable references() {
        return table(Layout.REFERENCES);
    }

    private SortedTable labels() {
        return table(Layout.LABELS);
    }

    /** The sorted table a section holds, read and checked on first use (two first uses make the same). */
    private SortedTable table(int section) {
        SortedTable table = tables.get(section);
        if (table == null) {
            ByteBuffer bytes = sections.get(section);
            try {
                table = new SortedTable(bytes);
            } catch (RuntimeException e) {
                throw sections.corrupted(section, e);
            }
            tables.set(section, table);
        }
        return table;
    }

    /** The text in UTF-8; one with a lone surrogate, which no stored string equals or starts with, as such a byte. */
    private static byte[] bytes(String text) {
        byte[] bytes = Cursor.utf8OrNull(text);
        return bytes != null ? bytes : new byte[] {(byte) 0xff}; // never in UTF-8: matches nothing
    }
}

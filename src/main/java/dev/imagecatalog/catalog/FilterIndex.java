package dev.imagecatalog.catalog;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which images (by position in answer order) carry a label, a label value, or a reference that
 * starts with some text, so that a label or reference filter visits the images that may match
 * instead of the whole catalog. Labels are indexed at load; references (a sort of every reference
 * string, a tenth of a large catalog's load) on the first reference filter. The index only narrows;
 * the selection still checks each image it is given.
 */
final class FilterIndex {

    private static final int[] NONE = new int[0];

    private final List<CatalogImage> images;
    private final Map<String, int[]> byLabelKey;
    private final Map<String, Map<String, int[]>> byLabelValue;
    private volatile References references; // null until the first reference filter or prepare()
    private final Object referencesBuild = new Object();

    /** Every familiar and canonical reference string, sorted, with the position of its image. */
    private record References(String[] sorted, int[] owners) {
    }

    FilterIndex(List<CatalogImage> images) {
        this.images = images;
        Map<String, LabelPositions> labels = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            int position = i;
            Map<String, String> imageLabels = images.get(position).labels();
            if (imageLabels != null) {
                imageLabels.forEach((key, value) -> labels.computeIfAbsent(key, k -> new LabelPositions()).add(value, position));
            }
        }
        this.byLabelKey = new HashMap<>(labels.size() * 2);
        this.byLabelValue = new HashMap<>(labels.size() * 2);
        labels.forEach((key, positions) -> {
            byLabelKey.put(key, positions.withKey.toArray());
            Map<String, int[]> byValue = new HashMap<>(positions.byValue.size() * 2);
            positions.byValue.forEach((value, withValue) -> byValue.put(value, withValue.toArray()));
            byLabelValue.put(key, byValue);
        });
    }

    /** While indexing: the images that have one label key, in all and by value. */
    private static final class LabelPositions {
        final Positions withKey = new Positions();
        final Map<String, Positions> byValue = new HashMap<>();

        void add(String value, int position) {
            withKey.add(position);
            byValue.computeIfAbsent(value, v -> new Positions()).add(position);
        }
    }

    /**
     * The reference index, built once: concurrent first uses wait for that one build rather than
     * each sorting every reference (eight at once on two cores took each over a second at 100,000
     * images, and held the cores from every other request meanwhile).
     */
    private References references() {
        References built = references;
        if (built == null) {
            synchronized (referencesBuild) {
                built = references;
                if (built == null) {
                    built = sortReferences(images);
                    references = built;
                }
            }
        }
        return built;
    }

    /** Builds what the first reference filter would otherwise wait for. */
    void prepare() {
        references();
    }

    private static References sortReferences(List<CatalogImage> images) {
        int refCount = 0;
        for (CatalogImage image : images) {
            refCount += image.tags().size() + image.digests().size();
        }
        Owned[] refs = new Owned[refCount * 2];
        int n = 0;
        for (int position = 0; position < images.size(); position++) {
            CatalogImage image = images.get(position);
            for (List<ImageReference> list : List.of(image.tags(), image.digests())) {
                for (ImageReference ref : list) {
                    refs[n++] = new Owned(ref.familiar(), position);
                    if (!ref.canonical().equals(ref.familiar())) {
                        refs[n++] = new Owned(ref.canonical(), position);
                    }
                }
            }
        }
        Arrays.sort(refs, 0, n, Comparator.comparing(Owned::reference));
        String[] sorted = new String[n];
        int[] owners = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = refs[i].reference();
            owners[i] = refs[i].position();
        }
        return new References(sorted, owners);
    }

    /** Positions, ascending, of the images that have the label key. */
    int[] withLabel(String key) {
        return byLabelKey.getOrDefault(key, NONE);
    }

    /** Positions, ascending, of the images whose label has this value. */
    int[] withLabel(String key, String value) {
        Map<String, int[]> byValue = byLabelValue.get(key);
        return byValue == null ? NONE : byValue.getOrDefault(value, NONE);
    }

    /** Positions, ascending and distinct, of the images with a familiar or canonical reference starting with the prefix. */
    int[] withReferencePrefix(String prefix) {
        References index = references();
        String[] sorted = index.sorted();
        int at = Arrays.binarySearch(sorted, prefix);
        int from = at >= 0 ? at : -at - 1;
        int to = from;
        while (to < sorted.length && sorted[to].startsWith(prefix)) {
            to++;
        }
        return CatalogIndex.sortedDistinct(Arrays.copyOfRange(index.owners(), from, to));
    }

    private record Owned(String reference, int position) {
    }

    /** A growable list of ascending positions. */
    private static final class Positions {
        private int[] values = new int[4];
        private int size;

        void add(int position) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = position;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

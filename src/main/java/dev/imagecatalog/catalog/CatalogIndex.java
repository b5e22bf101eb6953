package dev.imagecatalog.catalog;

/**
 * How a catalog finds its images: by id, by reference, by label and by the start of a reference.
 * Every position is in answer order ({@link Catalog#images()}). Two forms: built in memory when a
 * JSON file is loaded ({@link MemoryIndex}), or read from a compiled snapshot's sections on first
 * use (the {@code snapshot} package), with the same answers.
 */
public interface CatalogIndex {

    /** The position of the image with this id key ({@code sha256:...}), or -1. */
    int positionOfId(String idKey);

    /** The position of the image with this reference, in its canonical form, or -1. */
    int positionOfReference(String canonical);

    /** The position of the one image whose id key starts with the prefix, or -1 when none or several do. */
    int positionOfUniqueIdPrefix(String prefix);

    /** Whether finding an image by id or reference costs nothing more than the search (no section to read first). */
    boolean lookupsReady();

    /** Whether {@link #positionOfUniqueIdPrefix} answers without first sorting every id (or reading them). */
    boolean idPrefixesReady();

    /**
     * Builds now what a first filter or short id would otherwise wait for (the memory form's
     * reference index and sorted ids); a snapshot's are compiled, and read on first use.
     */
    default void prepare() {
    }

    /** Positions, ascending, of the images that have the label key. */
    int[] withLabel(String key);

    /** Positions, ascending, of the images whose label has this value. */
    int[] withLabel(String key, String value);

    /** Positions, ascending and distinct, of the images with a familiar or canonical reference starting with the prefix. */
    int[] withReferencePrefix(String prefix);

    /** The positions sorted, each once (the owners of the references a prefix finds): sorted in place. */
    static int[] sortedDistinct(int[] positions) {
        java.util.Arrays.sort(positions);
        int n = 0;
        for (int position : positions) {
            if (n == 0 || positions[n - 1] != position) {
                positions[n++] = position;
            }
        }
        return n == positions.length ? positions : java.util.Arrays.copyOf(positions, n);
    }
}

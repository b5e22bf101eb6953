package dev.imagecatalog.catalog;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The loaded catalog: images in answer order (newest first, ties by id) and the indexes that
 * requests need (by id, by reference, by id prefix). Built once; immutable afterwards.
 */
public final class Catalog {

    /** Answer order: {@code Created} descending; ties by id so that the order is stable. */
    static final Comparator<CatalogImage> ANSWER_ORDER = Comparator.comparingLong(CatalogImage::created).reversed()
            .thenComparing(CatalogImage::idKey);

    private final List<CatalogImage> images;
    /** The loader's indexes, kept: load positions by id key ({@code sha256:...}) and by canonical reference. */
    private final PositionIndex byId;
    private final PositionIndex byReference;
    private final CatalogImage[] inLoadOrder;
    /** Id keys in order, for short id prefixes in before/since: sorted on first use (most catalogs never need it). */
    private volatile String[] sortedIds;
    private final FilterIndex filterIndex;
    /** What other layers derive from this catalog (stored answers): it lives and goes with the catalog. */
    private final ConcurrentHashMap<Class<?>, Object> derived = new ConcurrentHashMap<>(4);
    private volatile CompiledAnswer compiledDefaultAnswer;

    private Catalog(List<CatalogImage> images, CatalogImage[] inLoadOrder, PositionIndex byId,
            PositionIndex byReference) {
        this.images = images;
        this.inLoadOrder = inLoadOrder;
        this.byId = byId;
        this.byReference = byReference;
        this.filterIndex = new FilterIndex(images);
    }

    /**
     * Indexes images that the loader validated, given in load order with the loader's indexes (load
     * positions by {@link CatalogImage#idKey() id key} and by canonical reference, both unique) and
     * the id keys that images name as their parent, from which children are derived.
     */
    static Catalog of(List<CatalogImage> loaded, PositionIndex byId, PositionIndex byReference,
            Set<String> parentIds) {
        CatalogImage[] inLoadOrder = new CatalogImage[loaded.size()];
        for (int i = 0; i < inLoadOrder.length; i++) {
            CatalogImage image = loaded.get(i);
            inLoadOrder[i] = image.withChildren(parentIds.contains(image.idKey()));
        }
        CatalogImage[] ordered = inLoadOrder.clone();
        Arrays.sort(ordered, ANSWER_ORDER);
        // A view, not List.of's copy: the sorted array is this catalog's own.
        return new Catalog(Collections.unmodifiableList(Arrays.asList(ordered)), inLoadOrder, byId, byReference);
    }

    /**
     * Something derived from this catalog, made once on first use and kept with it, so that a
     * reloaded catalog never serves what was made from the one before.
     */
    public <T> T derived(Class<T> kind, Function<Catalog, T> make) {
        return kind.cast(derived.computeIfAbsent(kind, k -> make.apply(this)));
    }

    /**
     * An answer compiled into a snapshot: its body (read-only, mapped from the file) and its entity
     * tag, opaque to this layer.
     */
    public record CompiledAnswer(java.nio.ByteBuffer body, String tag) {
        @Override
        public java.nio.ByteBuffer body() {
            return body.duplicate();
        }
    }

    /**
     * The answer of List Images without filters at the current API version, as compiled into the
     * snapshot this catalog was read from; null otherwise.
     */
    public CompiledAnswer compiledDefaultAnswer() {
        return compiledDefaultAnswer;
    }

    void attachCompiledDefaultAnswer(CompiledAnswer answer) {
        compiledDefaultAnswer = answer;
    }

    /** The images in the order the file gave them (a snapshot keeps that order). */
    CatalogImage[] inLoadOrder() {
        return inLoadOrder;
    }

    /** All images, newest first. */
    public List<CatalogImage> images() {
        return images;
    }

    public int size() {
        return images.size();
    }

    /** Positions in {@link #images()}, ascending, of the images that have this label key. */
    public int[] positionsWithLabel(String key) {
        return filterIndex.withLabel(key);
    }

    /** Positions in {@link #images()}, ascending, of the images that have this label value. */
    public int[] positionsWithLabel(String key, String value) {
        return filterIndex.withLabel(key, value);
    }

    /**
     * Positions in {@link #images()}, ascending, of the images with a reference whose familiar or
     * canonical string starts with the prefix (a name is a prefix of its reference strings, so this
     * covers names too).
     */
    public int[] positionsWithReferencePrefix(String prefix) {
        return filterIndex.withReferencePrefix(prefix);
    }

    /** The image with this id (written with or without {@code sha256:}), or null. */
    public CatalogImage byId(String id) {
        return lookUp(byId, CatalogImage.keyOf(id));
    }

    /** The image that has this reference, given in its canonical form ({@link ImageReference#canonical()}), or null. */
    public CatalogImage byReference(String canonical) {
        return lookUp(byReference, canonical);
    }

    /**
     * The one image whose id key starts with the prefix ({@code sha256:} and some hex digits), or
     * null when none or several do. A binary search in the sorted ids: no scan of the catalog.
     */
    public CatalogImage byUniqueIdPrefix(String prefix) {
        String[] sortedIds = sortedIds();
        int at = Arrays.binarySearch(sortedIds, prefix);
        int first = at >= 0 ? at : -at - 1;
        if (first >= sortedIds.length || !sortedIds[first].startsWith(prefix)) {
            return null;
        }
        boolean ambiguous = first + 1 < sortedIds.length && sortedIds[first + 1].startsWith(prefix);
        return ambiguous ? null : lookUp(byId, sortedIds[first]);
    }

    /** Whether a short id can be looked up without sorting the ids first (they are sorted on first use). */
    public boolean idPrefixesReady() {
        return sortedIds != null;
    }

    private String[] sortedIds() {
        String[] sorted = sortedIds;
        if (sorted == null) {
            // Two first uses may both sort; the result is the same.
            sorted = byId.keys();
            Arrays.sort(sorted);
            sortedIds = sorted;
        }
        return sorted;
    }

    private CatalogImage lookUp(PositionIndex index, String key) {
        int position = index.get(key);
        return position < 0 ? null : inLoadOrder[position];
    }
}

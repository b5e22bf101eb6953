package dev.imagecatalog.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loaded catalog: images in answer order (newest first, ties by id) and the indexes that
 * requests need (by id, by reference, by id prefix). Built once; immutable afterwards.
 */
public final class Catalog {

    /** Answer order: {@code Created} descending; ties by id so that the order is stable. */
    static final Comparator<CatalogImage> ANSWER_ORDER = Comparator.comparingLong(CatalogImage::created).reversed()
            .thenComparing(CatalogImage::hexId);

    private final List<CatalogImage> images;
    private final Map<String, CatalogImage> byHexId;
    private final Map<String, CatalogImage> byReference;
    private final String[] sortedHexIds;
    private final FilterIndex filterIndex;

    private Catalog(List<CatalogImage> images) {
        this.images = images;
        this.byHexId = new HashMap<>(images.size() * 2);
        this.byReference = new HashMap<>(images.size() * 4);
        for (CatalogImage image : images) {
            byHexId.put(image.hexId(), image);
            image.tags().forEach(ref -> byReference.putIfAbsent(ref.canonical(), image));
            image.digests().forEach(ref -> byReference.putIfAbsent(ref.canonical(), image));
        }
        this.sortedHexIds = byHexId.keySet().toArray(String[]::new);
        Arrays.sort(sortedHexIds);
        this.filterIndex = new FilterIndex(images);
    }

    /**
     * Indexes images that were validated by the loader (unique ids and references). Children are
     * derived here from {@code ParentId}.
     */
    public static Catalog of(List<CatalogImage> loaded) {
        Set<String> parents = new HashSet<>();
        for (CatalogImage image : loaded) {
            if (!image.parentId().isEmpty()) {
                parents.add(CatalogImage.hexOf(image.parentId()));
            }
        }
        List<CatalogImage> ordered = new ArrayList<>(loaded.size());
        for (CatalogImage image : loaded) {
            ordered.add(image.withChildren(parents.contains(image.hexId())));
        }
        ordered.sort(ANSWER_ORDER);
        return new Catalog(List.copyOf(ordered));
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

    /**
     * Finds the image that a user names, as the daemon does for {@code before}/{@code since}: a full
     * id, else a reference (a bare name means {@code :latest}), else a unique id prefix.
     *
     * @throws InvalidReferenceException when the text is neither an id nor a valid reference
     * @throws NoSuchImageException      when nothing matches
     */
    public CatalogImage resolve(String nameOrId) {
        if (ImageReference.isFullImageId(nameOrId)) {
            CatalogImage image = byHexId.get(CatalogImage.hexOf(nameOrId));
            if (image == null) {
                throw new NoSuchImageException("sha256:" + CatalogImage.hexOf(nameOrId));
            }
            return image;
        }
        ImageReference ref = ImageReference.parseWithDefaultTag(nameOrId);
        CatalogImage image = byReference.get(ref.canonical());
        if (image == null && ref.isTagged() && ref.isDigested()) {
            // As the daemon: with both tag and digest, the digest decides.
            image = byReference.get(ref.canonicalName() + "@" + ref.digest());
        }
        if (image == null) {
            image = byUniqueIdPrefix(CatalogImage.hexOf(nameOrId));
        }
        if (image == null) {
            throw new NoSuchImageException(ref.familiar());
        }
        return image;
    }

    private CatalogImage byUniqueIdPrefix(String prefix) {
        int at = Arrays.binarySearch(sortedHexIds, prefix);
        int first = at >= 0 ? at : -at - 1;
        if (first >= sortedHexIds.length || !sortedHexIds[first].startsWith(prefix)) {
            return null;
        }
        boolean ambiguous = first + 1 < sortedHexIds.length && sortedHexIds[first + 1].startsWith(prefix);
        return ambiguous ? null : byHexId.get(sortedHexIds[first]);
    }
}

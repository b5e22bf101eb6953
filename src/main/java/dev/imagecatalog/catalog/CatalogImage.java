package dev.imagecatalog.catalog;

import java.util.List;
import java.util.Map;

/**
 * One image of the catalog, validated and normalised at load time; requests only read it.
 *
 * @param id          as written in the catalog (with or without {@code sha256:})
 * @param parentId    as written, {@code ""} when none
 * @param tags        {@code name:tag} references, familiar, placeholders removed
 * @param digests     {@code name@digest} references, familiar, placeholders removed
 * @param created     seconds since the epoch (0 when unknown)
 * @param createdKnown whether the catalog gives a creation time (Image Inspect omits an unknown one)
 * @param size        bytes ({@code VirtualSize} when the catalog gives no {@code Size})
 * @param virtualSize bytes ({@code Size} when the catalog gives no {@code VirtualSize})
 * @param labels      null when the catalog says null or nothing, else sorted as Go writes map keys
 * @param containers  0 when unknown
 * @param hasChildren whether another image of the catalog names this one as its parent
 * @param inspect     the inspect data of an inspect-form entry; null for a list-form entry
 */
public record CatalogImage(
        String id,
        String parentId,
        List<ImageReference> tags,
        List<ImageReference> digests,
        long created,
        boolean createdKnown,
        long size,
        long virtualSize,
        Map<String, String> labels,
        long containers,
        boolean hasChildren,
        InspectDetails inspect) {

    public CatalogImage {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
    }

    /**
     * The id with its {@code sha256:} prefix (a catalog may write it without): the key images are
     * compared and found by. The id itself as daemons write it, so nothing is allocated for it.
     */
    public String idKey() {
        return keyOf(id);
    }

    /** The key of an id written with or without {@code sha256:}. */
    public static String keyOf(String id) {
        return id.startsWith("sha256:") ? id : "sha256:" + id;
    }

    /** The operating system: an inspect-form entry's {@code Os}, else {@code linux}, as a daemon on Linux shows it. */
    public String os() {
        String os = inspect == null ? "" : inspect.text("Os");
        return os.isEmpty() ? "linux" : os;
    }

    /** The architecture: an inspect-form entry's {@code Architecture}; {@code ""} when the catalog does not say. */
    public String architecture() {
        return inspect == null ? "" : inspect.text("Architecture");
    }

    CatalogImage withChildren(boolean children) {
        return children == hasChildren ? this
                : new CatalogImage(id, parentId, tags, digests, created, createdKnown, size, virtualSize, labels, containers,
                        children, inspect);
    }
}

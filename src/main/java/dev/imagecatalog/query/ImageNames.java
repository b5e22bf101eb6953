package dev.imagecatalog.query;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.catalog.NoSuchImageException;

/**
 * How a user names an image (section 10.2 of the contract), as moby's {@code GetImage} resolves it
 * for Image Inspect and for the {@code before}/{@code since} filters alike: the one resolver of both.
 */
public final class ImageNames {

    private static final String SHA256 = "sha256:";

    private ImageNames() {
    }

    /**
     * Finds the named image: a full id; else a reference (a bare name means {@code :latest}; with a
     * digest, the tag is ignored); else a unique id prefix.
     *
     * @throws dev.imagecatalog.catalog.InvalidReferenceException a name that is neither an id nor a valid reference (400)
     * @throws NoSuchImageException                                 nothing, or more than one image by prefix (404)
     */
    public static CatalogImage resolve(Catalog catalog, String name) {
        if (ImageReference.isFullImageId(name)) {
            // An id names the image with exactly that id or nothing: no prefix search, no reference.
            CatalogImage image = catalog.byId(name);
            if (image == null) {
                throw new NoSuchImageException(CatalogImage.keyOf(name));
            }
            return image;
        }
        ImageReference ref = ImageReference.parseWithDefaultTag(name);
        CatalogImage image = catalog.byReference(ref.isDigested()
                ? ref.canonical().substring(0, ref.canonicalNameLength()) + "@" + ref.digest()
                : ref.canonical());
        if (image == null && isIdPrefix(name)) {
            image = catalog.byUniqueIdPrefix(name.startsWith(SHA256) ? name : SHA256 + name);
        }
        if (image == null) {
            throw new NoSuchImageException(ref.familiar());
        }
        return image;
    }

    /**
     * Whether resolving the name may need a search by id prefix (a short id): the first one sorts
     * the catalog's ids.
     */
    public static boolean mayNeedIdPrefix(String name) {
        return isIdPrefix(name) && !ImageReference.isFullImageId(name);
    }

    /** A short id: lower-case hex digits, at least one, optionally after {@code sha256:}. */
    static boolean isIdPrefix(String name) {
        return ImageReference.isImageIdPrefix(name);
    }
}

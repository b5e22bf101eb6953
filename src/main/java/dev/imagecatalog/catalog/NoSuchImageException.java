package dev.imagecatalog.catalog;

/** A name or id that names no image of the catalog. */
public final class NoSuchImageException extends RuntimeException {

    public NoSuchImageException(String familiarReference) {
        super("No such image: " + familiarReference, null, false, false);
    }
}

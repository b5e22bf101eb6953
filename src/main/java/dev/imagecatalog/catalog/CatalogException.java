package dev.imagecatalog.catalog;

/** A catalog that cannot be served. The message is one line: the file, the image, the field and the problem. */
public final class CatalogException extends RuntimeException {

    public CatalogException(String source, String problem) {
        super("Cannot load image catalog " + source + ": " + problem, null, false, false);
    }
}

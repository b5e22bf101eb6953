package dev.imagecatalog.catalog;

/** A catalog that cannot be served. The message is one line: the file, the image, the field and the problem. */
public final class CatalogException extends RuntimeException {

    private final String source;
    private final String problem;

    public CatalogException(String source, String problem) {
        super("Cannot load image catalog " + source + ": " + problem, null, false, false);
        this.source = source;
        this.problem = problem;
    }

    /** The file (or resource) that was refused. */
    public String source() {
        return source;
    }

    /** What is wrong with it: the image, its field and the problem, where the problem is in one image. */
    public String problem() {
        return problem;
    }
}

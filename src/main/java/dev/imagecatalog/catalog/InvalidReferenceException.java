package dev.imagecatalog.catalog;

/** A string that is not a valid image reference; the message is the daemon's wording. */
public final class InvalidReferenceException extends RuntimeException {

    public InvalidReferenceException(String message) {
        super(message, null, false, false);
    }
}

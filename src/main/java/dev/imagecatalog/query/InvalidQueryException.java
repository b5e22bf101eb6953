package dev.imagecatalog.query;

/** A request whose parameters cannot be understood (400); the message is the daemon's wording. */
public final class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message, null, false, false);
    }
}

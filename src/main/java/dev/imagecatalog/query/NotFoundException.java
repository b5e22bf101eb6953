package dev.imagecatalog.query;

/** A request that names an object the daemon does not hold (404); the message is the daemon's wording. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}

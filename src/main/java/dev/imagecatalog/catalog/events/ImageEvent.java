package dev.imagecatalog.catalog.events;

import java.util.Map;

/**
 * One change of the catalog, as the daemon reports it on {@code GET /events}: an image event
 * (moby: daemon/images/image_events.go LogImageEvent) with its time.
 *
 * @param action     {@code pull}, {@code load}, {@code tag}, {@code untag} or {@code delete}
 * @param actorId    the image's id ({@code sha256:...}), or for {@code pull} the reference pulled
 * @param attributes the image's labels and {@code name} (which wins over a label of that name), sorted
 * @param timeNano   nanoseconds since the epoch; distinct and increasing within one reload
 */
public record ImageEvent(String action, String actorId, Map<String, String> attributes, long timeNano) {

    public ImageEvent {
        attributes = Map.copyOf(attributes); // sorted when written
    }

    /** Whole seconds since the epoch ({@code time}). */
    public long time() {
        return Math.floorDiv(timeNano, 1_000_000_000L);
    }
}

package dev.imagecatalog.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an inspect-form catalog entry (an element of {@code docker image inspect}) has beyond the
 * List Images fields, kept as given so that Image Inspect can answer with it exactly. List-form
 * entries have none: {@link CatalogImage#inspect()} is null for them.
 *
 * @param created the entry's {@code Created} as written (RFC 3339, often with nanoseconds), or null
 * @param members every other member of the entry as given, but those that {@link CatalogImage}
 *                holds ({@code Id}, {@code RepoTags}, {@code RepoDigests}, {@code Parent},
 *                {@code Size}, {@code VirtualSize}); read-only once loaded
 */
public record InspectDetails(String created, ObjectNode members) {

    /** Details as a snapshot stored them: the members as the JSON text the loader read (numbers kept as written). */
    public static InspectDetails restore(String created, String membersJson) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.createParser(membersJson)) {
            parser.nextToken();
            return new InspectDetails(created, (ObjectNode) EntryFields.tree(parser));
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    /** Go's zero time, which a daemon writes for an image whose {@code Created} is unknown. */
    public static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";
    /** Its Unix seconds (a number, not an Instant: NativeReadinessTest keeps clock values out of static fields). */
    private static final long GO_ZERO_SECONDS = -62135596800L;

    /**
     * Whether the entry's {@code Created} says when the image was made: present and not Go's zero time,
     * in any spelling ({@code 0001-01-01T00:00:00.000Z} too). A daemon older than API 1.44 wrote the zero
     * time for an unknown one; a catalog recorded from it means "unknown" by it, as List Images reads it.
     */
    public boolean createdKnown() {
        return created != null && !isGoZeroTime(created);
    }

    /** Whether an RFC 3339 time (the loader checked it) is Go's zero time. */
    static boolean isGoZeroTime(String rfc3339) {
        if (!rfc3339.startsWith("000")) { // years 0000 and 0001 only: the rest cannot be that instant
            return false;
        }
        try {
            java.time.OffsetDateTime time = java.time.OffsetDateTime.parse(rfc3339);
            return time.toEpochSecond() == GO_ZERO_SECONDS && time.getNano() == 0;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** A member as given, or null when absent. */
    public JsonNode member(String name) {
        return members.get(name);
    }

    /** A string member, or {@code ""} when absent or null (the loader checked that it is a string). */
    public String text(String name) {
        JsonNode node = members.get(name);
        return node == null || !node.isTextual() ? "" : node.textValue();
    }
}

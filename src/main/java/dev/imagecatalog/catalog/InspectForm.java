package dev.imagecatalog.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of an inspect-form entry (section 1 of the contract): how its List Images fields derive
 * from its inspect data, and what it must be. A daemon lists exactly these values for such an image:
 * {@code Created} is the Unix second of the RFC 3339 time (rounded down; 0 for Go's zero time),
 * {@code Labels} are {@code Config.Labels}, {@code ParentId} is {@code Parent}.
 */
final class InspectForm {

    /** RFC 3339 as Go's {@code time.RFC3339Nano} parses it: seconds required, fraction and offset optional forms. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    /** Members that must be strings when given: the platform of an image is read from them. */
    private static final List<String> STRING_MEMBERS = List.of("Architecture", "Os", "OsVersion", "Variant");
    /** What {@link CatalogImage} holds itself: not kept twice. */
    private static final List<String> HELD_BY_IMAGE = List.of("Parent");

    private final EntryChecker checker;
    private final ObjectNode members;

    InspectForm(EntryChecker checker, ObjectNode others) {
        this.checker = checker;
        this.members = others != null ? others : JsonNodeFactory.instance.objectNode();
    }

    /** The Unix seconds of {@code Created}, or null when absent (a daemon lists 0 then). */
    Long createdSeconds(Object created) {
        if (created == null) {
            return null;
        }
        if (!(created instanceof String text)) {
            String found = created instanceof EntryFields.Found f ? f.description() : "the number " + created;
            throw checker.fail("Created", "expected an RFC 3339 time as a string, found " + found);
        }
        try {
            if (!RFC_3339.matcher(text).matches()) {
                throw new DateTimeParseException("not RFC 3339", text, 0);
            }
            return InspectDetails.isGoZeroTime(text) ? 0L : OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw checker.fail("Created", CatalogLoader.quoted(text) + " is not an RFC 3339 time (such as 2023-11-14T22:15:00.123456789Z)");
        }
    }

    /** {@code Config.Labels}: null when there is no {@code Config} or it has no labels. */
    Map<String, String> labels(CatalogLoader.Indexes indexes) {
        JsonNode config = members.get("Config");
        if (config == null || config.isNull()) {
            return null;
        }
        if (!config.isObject()) {
            throw checker.fail("Config", "expected an object or null, found " + EntryFields.describe(config).description());
        }
        return checker.labels("Config.Labels", config.get("Labels"), indexes);
    }

    /** What Image Inspect serves beyond the List Images fields. */
    InspectDetails details(String created) {
        for (String name : STRING_MEMBERS) {
            JsonNode node = members.get(name);
            if (node != null && !node.isNull() && !node.isTextual()) {
                throw checker.fail(name, "expected a string, found " + EntryFields.describe(node).description());
            }
        }
        members.remove(HELD_BY_IMAGE);
        return new InspectDetails(created, members);
    }
}

package dev.imagecatalog.catalog;

import static dev.imagecatalog.catalog.CatalogLoader.position;
import static dev.imagecatalog.catalog.CatalogLoader.printable;
import static dev.imagecatalog.catalog.CatalogLoader.quoted;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagecatalog.catalog.EntryFields.Found;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks one catalog entry's fields in a fixed order, so that the first broken rule is the one
 * reported, and makes the image. Both forms share the rules of the list form; an entry of the
 * inspect form derives its List Images fields from its inspect data ({@link InspectForm}).
 */
record EntryChecker(String source, int index, JsonLocation where, EntryFields fields) {

    private static final String NO_TAG = "<none>:<none>";
    private static final String NO_DIGEST = "<none>@<none>";

    CatalogImage check(CatalogLoader.Indexes indexes) {
        if (fields.kind != null) {
            throw fail(null, "expected an image object, found " + ((Found) fields.kind).description());
        }
        String id = checkId();
        int clash = indexes.byId.putIfAbsent(CatalogImage.keyOf(id), index);
        if (clash >= 0) {
            throw fail("Id", "duplicate: image " + clash + " has the same Id");
        }
        boolean inspectForm = fields.inspectForm();
        String parentId = inspectForm ? optionalString("Parent", fields.others == null ? null : member("Parent"))
                : optionalString("ParentId", fields.parentId);
        List<ImageReference> tags = references("RepoTags", fields.tags, NO_TAG, true, indexes);
        List<ImageReference> digests = references("RepoDigests", fields.digests, NO_DIGEST, false, indexes);
        Long size = optionalLong("Size", fields.size);
        Long virtualSize = optionalLong("VirtualSize", fields.virtualSize);
        long effectiveSize = size != null ? size : virtualSize != null ? virtualSize : 0L;
        Long containers = inspectForm ? null : optionalLong("Containers", fields.containers);
        InspectDetails details = null;
        Long created;
        Map<String, String> labels;
        if (inspectForm) {
            InspectForm inspect = new InspectForm(this, fields.others);
            created = inspect.createdSeconds(fields.created);
            labels = inspect.labels(indexes);
            details = inspect.details((String) fields.created);
        } else {
            created = optionalLong("Created", fields.created);
            labels = labels("Labels", fields.labels);
        }
        if (parentId != null && !parentId.isEmpty()) {
            indexes.parents.add(CatalogImage.keyOf(parentId));
        }
        return new CatalogImage(
                id,
                parentId == null ? "" : parentId,
                tags,
                digests,
                created == null ? 0 : created,
                inspectForm ? details.created() != null : created != null,
                effectiveSize,
                virtualSize != null ? virtualSize : effectiveSize,
                labels,
                containers == null || containers < 0 ? 0 : containers,
                false,
                details);
    }

    /** A top-level member of an inspect-form entry as a plain value (a string or {@link Found}), or null. */
    private Object member(String name) {
        JsonNode node = fields.others.get(name);
        return node == null || node.isNull() ? null : node.isTextual() ? node.textValue() : EntryFields.describe(node);
    }

    private String checkId() {
        if (fields.id == null) {
            throw fail("Id", "is required");
        }
        if (fields.id instanceof Found found) {
            throw fail("Id", "expected a string, found " + found.description());
        }
        String id = (String) fields.id;
        if (!ImageReference.isFullImageId(id)) {
            throw fail("Id", quoted(id) + " is not 64 lower-case hex digits, with or without \"sha256:\"");
        }
        return id;
    }

    private List<ImageReference> references(String field, Object value, String placeholder, boolean tags,
            CatalogLoader.Indexes indexes) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Found found) {
            throw fail(field, "expected an array of strings or null, found " + found.description());
        }
        List<?> items = (List<?>) value;
        List<ImageReference> refs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Found found) {
                throw fail(field, i, "expected a string, found " + found.description());
            }
            String text = (String) items.get(i);
            if (text.equals(placeholder)) {
                continue;
            }
            ImageReference ref;
            try {
                ref = ImageReference.parse(text);
            } catch (InvalidReferenceException e) {
                throw fail(field, i, quoted(text) + " is not a valid reference: " + printable(e.getMessage()));
            }
            if (tags && (!ref.isTagged() || ref.isDigested())) {
                throw fail(field, i, quoted(text) + " is not a name:tag reference");
            }
            if (!tags && (!ref.isDigested() || ref.isTagged())) {
                throw fail(field, i, quoted(text) + " is not a name@digest reference");
            }
            int owner = indexes.byReference.putIfAbsent(ref.canonical(), index);
            if (owner < 0) {
                refs.add(ref);
            } else if (owner != index) {
                throw fail(field, i, quoted(ref.familiar()) + " is already a reference of image " + owner);
            }
            // The same reference twice in one image (e.g. short and full spelling): kept once.
        }
        return refs;
    }

    /** Labels as label pairs (key, value, ...) from the stream, or {@link Found}; null stays null. */
    Map<String, String> labels(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Found found) {
            throw fail(field, "expected an object of strings or null, found " + found.description());
        }
        List<?> pairs = (List<?>) value;
        String[] keys = new String[pairs.size() / 2];
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (String) pairs.get(2 * i);
            if (pairs.get(2 * i + 1) instanceof Found found) {
                throw fail(field + "." + printable(keys[i]), "expected a string, found " + found.description());
            }
            values[i] = (String) pairs.get(2 * i + 1);
        }
        return Labels.of(keys, values);
    }

    /** Labels from a tree (an inspect-form {@code Config.Labels}): the same rules as from the stream. */
    Map<String, String> labels(String field, JsonNode node, CatalogLoader.Indexes indexes) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw fail(field, "expected an object of strings or null, found " + EntryFields.describe(node).description());
        }
        List<Object> pairs = new ArrayList<>(node.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) node).fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            pairs.add(label.getKey());
            pairs.add(label.getValue().isTextual() ? indexes.shared(label.getValue().textValue())
                    : EntryFields.describe(label.getValue()));
        }
        return labels(field, pairs);
    }

    String optionalString(String field, Object value) {
        if (value instanceof Found found) {
            throw fail(field, "expected a string, found " + found.description());
        }
        return (String) value;
    }

    private Long optionalLong(String field, Object value) {
        if (value instanceof Found found) {
            throw fail(field, "expected a whole number that fits in 64 bits, found " + found.description());
        }
        return (Long) value;
    }

    /** A problem with one item of a list field, {@code RepoTags[2]}. */
    private CatalogException fail(String field, int item, String problem) {
        return fail(field + "[" + item + "]", problem);
    }

    CatalogException fail(String field, String problem) {
        StringBuilder message = new StringBuilder("image ").append(index);
        if (fields.id instanceof String id) {
            message.append(" (Id ").append(quoted(id)).append(")");
        }
        message.append(" at ").append(position(where));
        if (field != null) {
            message.append(", field ").append(field);
        }
        return new CatalogException(source, message.append(": ").append(problem).toString());
    }
}

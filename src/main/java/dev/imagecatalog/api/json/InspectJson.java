package dev.imagecatalog.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.catalog.InspectDetails;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes an Image Inspect answer (section 10.3 of the contract): an inspect-form entry as given,
 * reshaped for the requested version; a list-form entry with the zero values a daemon shows for an
 * image without that data. Keys come in Go's order at every level, as moby writes the answer (it
 * passes through a {@code map[string]any}).
 */
public final class InspectJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Go's zero time: a daemon's {@code Created} for an image without one, and a {@code LastTagTime} never set. */
    static final String ZERO_TIME = dev.imagecatalog.catalog.InspectDetails.GO_ZERO_TIME;
    /** String fields a daemon always writes, {@code ""} when it knows nothing. */
    private static final List<String> ALWAYS_STRINGS = List.of("Architecture", "Author", "Comment", "Container", "DockerVersion");
    /** String fields a daemon omits when empty. */
    private static final List<String> OMITTED_WHEN_EMPTY = List.of("OsVersion", "Variant");
    /** Config keys of a container rather than an image: gone from 1.50. */
    static final List<String> CONTAINER_ONLY_KEYS = List.of("Hostname", "Domainname", "AttachStdin", "AttachStdout",
            "AttachStderr", "Tty", "OpenStdin", "StdinOnce", "Image", "NetworkDisabled", "MacAddress", "StopTimeout");

    private InspectJson() {
    }

    /** The body of an Image Inspect answer. */
    public static byte[] image(CatalogImage image, InspectShape shape, boolean manifests) {
        InspectDetails given = image.inspect();
        ObjectNode answer = NODES.objectNode();
        if (given != null) {
            answer.setAll(given.members()); // shared with the catalog: replaced below, never changed in place
        }
        answer.put("Id", image.id());
        answer.set("RepoTags", references(image.tags()));
        answer.set("RepoDigests", references(image.digests()));
        answer.put("Parent", image.parentId());
        for (String field : ALWAYS_STRINGS) {
            fill(answer, field, NODES.textNode(""));
        }
        answer.put("Os", image.os());
        for (String field : OMITTED_WHEN_EMPTY) {
            JsonNode value = answer.get(field);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                answer.remove(field);
            }
        }
        String created = given != null ? (given.createdKnown() ? given.created() : null)
                : image.createdKnown() ? Instant.ofEpochSecond(image.created()).toString() : null;
        if (created != null || shape.createdAlways) {
            answer.put("Created", created != null ? created : ZERO_TIME);
        }
        answer.put("Size", image.size());
        if (shape.virtualSize) {
            answer.put("VirtualSize", image.virtualSize());
        }
        answer.set("Config", config(given == null ? null : given.member("Config"), image.labels(), shape, true));
        if (shape.containerFields) {
            answer.set("ContainerConfig", config(given == null ? null : given.member("ContainerConfig"), null, shape, false));
        } else {
            answer.remove(List.of("Container", "ContainerConfig"));
        }
        fill(answer, "GraphDriver", NODES.objectNode().putNull("Data").put("Name", ""));
        fill(answer, "RootFS", NODES.objectNode().put("Type", "layers"));
        fill(answer, "Metadata", NODES.objectNode().put("LastTagTime", ZERO_TIME));
        if (!shape.descriptors) {
            answer.remove(List.of("Descriptor", "Manifests"));
        } else if (!manifests) {
            answer.remove("Manifests");
        }
        return DockerJson.write(1024, json -> writeSorted(json, answer));
    }

    /**
     * A {@code Config} or {@code ContainerConfig}: as given (a list-form entry has none), with the
     * keys of the empty container config filled in, or from 1.50 ({@code Config} only) without the
     * container's keys. A list-form entry's {@code Config.Labels} are its catalog labels.
     */
    private static ObjectNode config(JsonNode given, Map<String, String> labels, InspectShape shape, boolean image) {
        ObjectNode config = given != null && given.isObject() ? ((ObjectNode) given).deepCopy() : NODES.objectNode();
        if (given == null || !given.isObject()) {
            config.set("Labels", labels == null ? NODES.nullNode() : labelsNode(labels));
        }
        boolean containerKeys = shape.containerConfigKeys || !image;
        if (!containerKeys) {
            config.remove(CONTAINER_ONLY_KEYS);
        }
        for (String key : List.of("Cmd", "Entrypoint", "Env", "Labels", "OnBuild", "Volumes")) {
            fill(config, key, NODES.nullNode());
        }
        for (String key : List.of("User", "WorkingDir")) {
            fill(config, key, NODES.textNode(""));
        }
        if (containerKeys) {
            for (String key : List.of("AttachStderr", "AttachStdin", "AttachStdout", "OpenStdin", "StdinOnce", "Tty")) {
                fill(config, key, NODES.booleanNode(false));
            }
            for (String key : List.of("Domainname", "Hostname", "Image")) {
                fill(config, key, NODES.textNode(""));
            }
        }
        return config;
    }

    private static ObjectNode labelsNode(Map<String, String> labels) {
        ObjectNode node = NODES.objectNode();
        labels.forEach(node::put);
        return node;
    }

    private static ArrayNode references(List<ImageReference> refs) {
        ArrayNode array = NODES.arrayNode(refs.size());
        for (ImageReference ref : refs) {
            array.add(ref.familiar());
        }
        return array;
    }

    /** Sets the member unless it is there with a value (null counts as absent). */
    private static void fill(ObjectNode object, String field, JsonNode value) {
        JsonNode present = object.get(field);
        if (present == null || present.isNull()) {
            object.set(field, value);
        }
    }

    /** Writes a tree with the keys of every object in Go's order (UTF-8 bytes), numbers as given. */
    static void writeSorted(JsonGenerator json, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>(node.size());
                for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                    keys.add(it.next());
                }
                keys.sort(CatalogLoader::compareAsGo);
                json.writeStartObject();
                for (String key : keys) {
                    json.writeFieldName(key);
                    writeSorted(json, node.get(key));
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode item : node) {
                    writeSorted(json, item);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    json.writeNumber(node.bigIntegerValue());
                } else {
                    json.writeNumber(node.decimalValue().toPlainString());
                }
            }
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            default -> json.writeNull();
        }
    }
}

package dev.imagecatalog.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.query.ImageSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes answers byte for byte as the daemon does (Go's {@code json.Encoder} with HTML escaping
 * off): keys in the daemon's order, which is alphabetical, and a newline after the value.
 * Streamed with Jackson's generator: no maps, no reflection.
 */
public final class DockerJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> NO_TAG = List.of("<none>:<none>");
    private static final List<String> NO_DIGEST = List.of("<none>@<none>");

    private DockerJson() {
    }

    /** The body of a List Images answer. */
    public static byte[] images(List<ImageSummary> images, ResponseShape shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(images));
        images(out, images, shape);
        return out.toByteArray();
    }

    /** Room for an answer: about what a typical image takes, so that the buffer rarely grows. */
    static int sizeHint(List<ImageSummary> images) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 256 + images.size() * 512L);
    }

    /** Writes the body of a List Images answer to a stream (a large stored answer goes straight off-heap). */
    static void images(OutputStream out, List<ImageSummary> images, ResponseShape shape) {
        write(out, json -> {
            json.writeStartArray();
            for (ImageSummary image : images) {
                writeImage(json, image, shape);
            }
            json.writeEndArray();
        });
    }

    /** The body of every error: {@code {"message":"..."}}. */
    public static byte[] error(String message) {
        return write(64 + message.length(), json -> {
            json.writeStartObject();
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    private static void writeImage(JsonGenerator json, ImageSummary summary, ResponseShape shape) throws IOException {
        CatalogImage image = summary.image();
        List<String> tags = summary.tags();
        List<String> digests = summary.digests();
        boolean placeholders = shape.legacyPlaceholders && tags.isEmpty() && digests.isEmpty();

        json.writeStartObject();
        if (shape.containersAndSharedSize) {
            json.writeNumberField("Containers", shape.containerCount ? image.containers() : -1);
        }
        json.writeNumberField("Created", image.created());
        json.writeStringField("Id", image.id());
        writeLabels(json, image.labels());
        json.writeStringField("ParentId", image.parentId());
        writeList(json, "RepoDigests", placeholders ? NO_DIGEST : digests, shape);
        writeList(json, "RepoTags", placeholders ? NO_TAG : tags, shape);
        if (shape.containersAndSharedSize) {
            json.writeNumberField("SharedSize", -1);
        }
        json.writeNumberField("Size", image.size());
        if (shape.virtualSize) {
            json.writeNumberField("VirtualSize", image.virtualSize());
        }
        json.writeEndObject();
    }

    /** Before 1.43 an empty list is {@code null} (a tagged image never pushed has {@code "RepoDigests": null}). */
    private static void writeList(JsonGenerator json, String field, List<String> values, ResponseShape shape)
            throws IOException {
        json.writeFieldName(field);
        if (values.isEmpty() && shape.legacyPlaceholders) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeLabels(JsonGenerator json, Map<String, String> labels) throws IOException {
        json.writeFieldName("Labels");
        if (labels == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
    }

    /** Renders one JSON value followed by a newline, as Go's {@code Encoder.Encode}. */
    static byte[] write(int sizeHint, JsonWriting body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        write(out, body);
        return out.toByteArray();
    }

    private static void write(OutputStream out, JsonWriting body) {
        try {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                body.writeTo(json);
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
    }

    @FunctionalInterface
    interface JsonWriting {
        void writeTo(JsonGenerator json) throws IOException;
    }
}

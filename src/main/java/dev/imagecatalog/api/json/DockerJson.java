package dev.imagecatalog.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.ImageReference;
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

    private static final JsonFactory JSON = new JsonFactory().setCharacterEscapes(new GoEscapes(false));
    /** As Go's default {@code json.Encoder} (HTML escaping on), which some routes of the daemon use: {@code GET /events}. */
    private static final JsonFactory HTML_ESCAPING_JSON = new JsonFactory().setCharacterEscapes(new GoEscapes(true));
    // The keys of an image, encoded once: a large answer writes each of them 100,000s of times.
    private static final SerializableString CONTAINERS = new SerializedString("Containers");
    private static final SerializableString CREATED = new SerializedString("Created");
    private static final SerializableString ID = new SerializedString("Id");
    private static final SerializableString LABELS = new SerializedString("Labels");
    private static final SerializableString PARENT_ID = new SerializedString("ParentId");
    private static final SerializableString REPO_DIGESTS = new SerializedString("RepoDigests");
    private static final SerializableString REPO_TAGS = new SerializedString("RepoTags");
    private static final SerializableString SHARED_SIZE = new SerializedString("SharedSize");
    private static final SerializableString SIZE = new SerializedString("Size");
    private static final SerializableString VIRTUAL_SIZE = new SerializedString("VirtualSize");
    private static final String NO_TAG = "<none>:<none>";
    private static final String NO_DIGEST = "<none>@<none>";

    /**
     * The revision of what this class writes: change it whenever an answer's bytes change, so that a
     * snapshot's compiled answer, written by another build, is not served as this build's.
     */
    public static final int REVISION = 1;

    private DockerJson() {
    }

    /** The body of a List Images answer. */
    public static byte[] images(List<ImageSummary> images, ResponseShape shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(images));
        images(out, images, shape);
        return out.toByteArray();
    }

    /** Room for an answer: about what a typical image takes, so that the buffer rarely grows. */
    public static int sizeHint(List<ImageSummary> images) {
        return sizeHint(images.size());
    }

    public static int sizeHint(int images) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 256 + images * 512L);
    }

    /** Writes the body of a List Images answer to a stream (a large stored answer goes straight off-heap). */
    public static void images(OutputStream out, List<ImageSummary> images, ResponseShape shape) {
        write(out, json -> {
            json.writeStartArray();
            for (ImageSummary image : images) {
                writeImage(json, image, shape);
            }
            json.writeEndArray();
        });
    }

    /**
     * Writes a List Images answer as {@link #images(OutputStream, List, ResponseShape)} does, and
     * says where each image's object ends in it (for {@link ImageFragments}).
     */
    public static int[] imagesWithEnds(OutputStream out, List<ImageSummary> images, ResponseShape shape) {
        CountingOutputStream counting = new CountingOutputStream(out);
        int[] ends = new int[images.size()];
        write(counting, json -> {
            json.writeStartArray();
            for (int i = 0; i < images.size(); i++) {
                writeImage(json, images.get(i), shape);
                ends[i] = Math.toIntExact(counting.count + json.getOutputBuffered());
            }
            json.writeEndArray();
        });
        return ends;
    }

    /** One image's object of a List Images answer, alone (no newline). */
    static byte[] image(ImageSummary image, ResponseShape shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writeImage(json, image, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
        return out.toByteArray();
    }

    /** Counts what reaches the stream under a generator (which buffers the rest). */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }

    /**
     * The images of a {@code /system/df} answer, as the image service summarises them for the df
     * route (moby: daemon/disk_usage.go, daemon/images/image_list.go), which does none of the List
     * Images route's rewriting by version: no {@code <none>} placeholders, an empty list is
     * {@code null}, {@code Containers} and {@code SharedSize} at every version. What the daemon
     * computes there instead of {@code -1}: {@code Containers} 0 (no container runs here) and
     * {@code SharedSize} 0 (a catalog knows no layers, so none is known to be shared). Below 1.44 the
     * route sets {@code VirtualSize} to {@code Size} (omitempty: absent when 0).
     */
    /**
     * The images of {@code /system/df}. Their references as the daemon of the version asked writes
     * them: below API 1.43 (daemons up to 23.0, which set placeholders in the image service itself) an
     * image without any shows {@code <none>:<none>} and {@code <none>@<none>}; from 1.43 (24.0 on,
     * placeholders only in List Images) it shows {@code null} for both; an empty list of an image that
     * has the other kind is {@code null} at every version. {@code Containers} counts the containers
     * that use the image: none here.
     */
    public static void diskUsageImages(JsonGenerator json, List<ImageSummary> images, java.util.function.IntToLongFunction sharedSize,
            ResponseShape shape) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < images.size(); i++) {
            ImageSummary summary = images.get(i);
            CatalogImage image = summary.image();
            boolean placeholders = shape.legacyPlaceholders && summary.tags().isEmpty() && summary.digests().isEmpty();
            json.writeStartObject();
            json.writeFieldName(CONTAINERS);
            json.writeNumber(0);
            writeCreatedToParentId(json, image);
            if (placeholders) {
                writePlaceholder(json, REPO_DIGESTS, "<none>@<none>");
                writePlaceholder(json, REPO_TAGS, "<none>:<none>");
            } else {
                writeReferencesOrNull(json, REPO_DIGESTS, summary.digests());
                writeReferencesOrNull(json, REPO_TAGS, summary.tags());
            }
            json.writeFieldName(SHARED_SIZE);
            json.writeNumber(sharedSize.applyAsLong(i));
            json.writeFieldName(SIZE);
            json.writeNumber(image.size());
            if (shape.virtualSize && image.size() != 0) {
                json.writeFieldName(VIRTUAL_SIZE);
                json.writeNumber(image.size());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writePlaceholder(JsonGenerator json, SerializableString field, String placeholder) throws IOException {
        json.writeFieldName(field);
        json.writeStartArray();
        json.writeString(placeholder);
        json.writeEndArray();
    }

    private static void writeReferencesOrNull(JsonGenerator json, SerializableString field, List<ImageReference> refs) throws IOException {
        json.writeFieldName(field);
        if (refs.isEmpty()) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (ImageReference ref : refs) {
            json.writeString(ref.familiar());
        }
        json.writeEndArray();
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
        List<ImageReference> tags = summary.tags();
        List<ImageReference> digests = summary.digests();
        boolean placeholders = shape.legacyPlaceholders && tags.isEmpty() && digests.isEmpty();

        json.writeStartObject();
        if (shape.containersAndSharedSize) {
            json.writeFieldName(CONTAINERS);
            json.writeNumber(shape.containerCount ? image.containers() : -1);
        }
        writeCreatedToParentId(json, image);
        writeReferences(json, REPO_DIGESTS, digests, placeholders ? NO_DIGEST : null, shape);
        writeReferences(json, REPO_TAGS, tags, placeholders ? NO_TAG : null, shape);
        if (shape.containersAndSharedSize) {
            json.writeFieldName(SHARED_SIZE);
            json.writeNumber(-1);
        }
        json.writeFieldName(SIZE);
        json.writeNumber(image.size());
        if (shape.virtualSize) {
            json.writeFieldName(VIRTUAL_SIZE);
            json.writeNumber(image.virtualSize());
        }
        json.writeEndObject();
    }

    /**
     * The familiar strings of the references, or the one placeholder when given. Before 1.43 an
     * empty list is {@code null} (a tagged image never pushed has {@code "RepoDigests": null}).
     */
    private static void writeReferences(JsonGenerator json, SerializableString field, List<ImageReference> refs,
            String placeholder, ResponseShape shape) throws IOException {
        json.writeFieldName(field);
        if (placeholder == null && refs.isEmpty() && shape.legacyPlaceholders) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        if (placeholder != null) {
            json.writeString(placeholder);
        } else {
            for (ImageReference ref : refs) {
                json.writeString(ref.familiar());
            }
        }
        json.writeEndArray();
    }

    /** The members every image summary writes alike, between {@code Containers} and the references. */
    private static void writeCreatedToParentId(JsonGenerator json, CatalogImage image) throws IOException {
        json.writeFieldName(CREATED);
        json.writeNumber(image.created());
        json.writeFieldName(ID);
        json.writeString(image.id());
        writeLabels(json, image.labels());
        json.writeFieldName(PARENT_ID);
        json.writeString(image.parentId());
    }

    private static void writeLabels(JsonGenerator json, Map<String, String> labels) throws IOException {
        json.writeFieldName(LABELS);
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
    public static byte[] write(int sizeHint, JsonWriting body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        write(out, body);
        return out.toByteArray();
    }

    public static void write(OutputStream out, JsonWriting body) {
        write(JSON, out, body);
    }

    /** Renders one JSON value and a newline with {@code <}, {@code >} and {@code &} escaped, as Go's default encoder. */
    public static byte[] writeHtmlEscaped(int sizeHint, JsonWriting body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        write(HTML_ESCAPING_JSON, out, body);
        return out.toByteArray();
    }

    private static void write(JsonFactory factory, OutputStream out, JsonWriting body) {
        try {
            try (JsonGenerator json = factory.createGenerator(out)) {
                body.writeTo(json);
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the target is memory
        }
    }

    /**
     * Escapes as Go's encoder writes them: U+2028 and U+2029 (line and paragraph separators, which
     * end a line in JavaScript) as six-character escapes even with HTML escaping off, where Jackson
     * writes them raw; control characters without a short escape as a six-character escape in lower-case hex ({@code 1f}, not {@code 1F}),
     * where Jackson writes upper case; with HTML escaping on (Go's default encoder), {@code <},
     * {@code >} and {@code &} as six-character escapes too. The rest as Jackson's
     * standard JSON escapes, which are Go's ({@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}).
     */
    private static final class GoEscapes extends CharacterEscapes {
        private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        GoEscapes(boolean html) {
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == CharacterEscapes.ESCAPE_STANDARD) {
                    ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
            if (html) {
                ascii['<'] = CharacterEscapes.ESCAPE_CUSTOM;
                ascii['>'] = CharacterEscapes.ESCAPE_CUSTOM;
                ascii['&'] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) {
                return LINE_SEPARATOR;
            }
            if (ch == 0x2029) {
                return PARAGRAPH_SEPARATOR;
            }
            return ch < 0x80 && ascii[ch] == CharacterEscapes.ESCAPE_CUSTOM ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    @FunctionalInterface
    public interface JsonWriting {
        void writeTo(JsonGenerator json) throws IOException;
    }
}

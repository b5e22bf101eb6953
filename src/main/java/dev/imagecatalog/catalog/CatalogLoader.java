package dev.imagecatalog.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a catalog file: exactly what a daemon answers to {@code GET /images/json?all=1}. The file
 * is read as a stream, one image object at a time; every rule of the catalog format is checked here
 * and the first broken one is reported as a single {@link CatalogException} naming the file, the
 * image (index and Id), the field and the problem. Nothing is ever half-loaded.
 */
public final class CatalogLoader {

    private static final String NO_TAG = "<none>:<none>";
    private static final String NO_DIGEST = "<none>@<none>";

    private static final ObjectMapper MAPPER = JsonMapper.builder(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

    private CatalogLoader() {
    }

    /** Loads a catalog file from disk. */
    public static Catalog load(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new CatalogException(source, "is a directory, not a catalog file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, source);
        } catch (NoSuchFileException e) {
            throw new CatalogException(source, "no such file");
        } catch (AccessDeniedException e) {
            throw new CatalogException(source, "permission denied");
        } catch (IOException e) {
            throw new CatalogException(source, "cannot be read: " + e.getMessage());
        }
    }

    /** Loads a catalog from a stream; {@code source} names it in messages. */
    public static Catalog load(InputStream in, String source) throws IOException {
        List<CatalogImage> images = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CatalogException(source, "is empty; expected a JSON array of images");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new CatalogException(source, "expected a JSON array of images, found " + describe(first));
            }
            Map<String, Integer> indexById = new HashMap<>();
            Map<String, Integer> indexByReference = new HashMap<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new CatalogException(source, "ends before the array is closed");
                }
                int index = images.size();
                JsonLocation where = parser.currentTokenLocation();
                JsonNode node;
                try {
                    node = MAPPER.readTree(parser);
                } catch (JsonProcessingException e) {
                    throw new CatalogException(source, "image " + index + " is not valid JSON at "
                            + position(e.getLocation()) + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
                }
                images.add(new ImageReader(source, index, node, where).read(indexById, indexByReference));
            }
            if (parser.nextToken() != null) {
                throw new CatalogException(source, "has content after the array of images, at "
                        + position(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new CatalogException(source, "is not valid JSON at " + position(e.getLocation()) + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        return Catalog.of(images);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    private static String position(JsonLocation location) {
        return location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Reads and checks one image object; knows where it is, for the messages. */
    private record ImageReader(String source, int index, JsonNode node, JsonLocation where) {

        CatalogImage read(Map<String, Integer> indexById, Map<String, Integer> indexByReference) {
            if (!node.isObject()) {
                throw fail(null, "expected an image object, found " + kind(node));
            }
            String id = readId();
            Integer clash = indexById.putIfAbsent(CatalogImage.hexOf(id), index);
            if (clash != null) {
                throw fail("Id", "duplicate: image " + clash + " has the same Id");
            }
            String parentId = optionalString("ParentId");
            List<ImageReference> tags = references("RepoTags", NO_TAG, true, indexByReference);
            List<ImageReference> digests = references("RepoDigests", NO_DIGEST, false, indexByReference);
            Long size = optionalLong("Size");
            Long virtualSize = optionalLong("VirtualSize");
            long effectiveSize = size != null ? size : virtualSize != null ? virtualSize : 0L;
            Long containers = optionalLong("Containers");
            return new CatalogImage(
                    id,
                    parentId == null ? "" : parentId,
                    tags,
                    digests,
                    orZero(optionalLong("Created")),
                    effectiveSize,
                    virtualSize != null ? virtualSize : effectiveSize,
                    labels(),
                    containers == null || containers < 0 ? 0 : containers,
                    false);
        }

        private String readId() {
            JsonNode value = node.get("Id");
            if (value == null || value.isNull()) {
                throw fail("Id", "is required");
            }
            if (!value.isTextual()) {
                throw fail("Id", "expected a string, found " + kind(value));
            }
            if (!ImageReference.isFullImageId(value.textValue())) {
                throw fail("Id", "\"" + value.textValue() + "\" is not 64 lower-case hex digits, with or without \"sha256:\"");
            }
            return value.textValue();
        }

        private List<ImageReference> references(String field, String placeholder, boolean tags,
                Map<String, Integer> indexByReference) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw fail(field, "expected an array of strings or null, found " + kind(value));
            }
            List<ImageReference> refs = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String at = field + "[" + i + "]";
                if (!item.isTextual()) {
                    throw fail(at, "expected a string, found " + kind(item));
                }
                String text = item.textValue();
                if (text.equals(placeholder)) {
                    continue;
                }
                ImageReference ref;
                try {
                    ref = ImageReference.parse(text);
                } catch (InvalidReferenceException e) {
                    throw fail(at, "\"" + text + "\" is not a valid reference: " + e.getMessage());
                }
                if (tags && (!ref.isTagged() || ref.isDigested())) {
                    throw fail(at, "\"" + text + "\" is not a name:tag reference");
                }
                if (!tags && (!ref.isDigested() || ref.isTagged())) {
                    throw fail(at, "\"" + text + "\" is not a name@digest reference");
                }
                Integer owner = indexByReference.putIfAbsent(ref.canonical(), index);
                if (owner == null) {
                    refs.add(ref);
                } else if (owner != index) {
                    throw fail(at, "\"" + ref.familiar() + "\" is already a reference of image " + owner);
                }
                // The same reference twice in one image (e.g. short and full spelling): kept once.
            }
            return refs;
        }

        private Map<String, String> labels() {
            JsonNode value = node.get("Labels");
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                throw fail("Labels", "expected an object of strings or null, found " + kind(value));
            }
            Map<String, String> labels = new TreeMap<>(CatalogLoader::compareAsGo);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!label.getValue().isTextual()) {
                    throw fail("Labels." + label.getKey(), "expected a string, found " + kind(label.getValue()));
                }
                labels.put(label.getKey(), label.getValue().textValue());
            }
            return Collections.unmodifiableMap(labels);
        }

        private String optionalString(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw fail(field, "expected a string, found " + kind(value));
            }
            return value.textValue();
        }

        private Long optionalLong(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw fail(field, "expected a whole number that fits in 64 bits, found " + kind(value));
            }
            return value.longValue();
        }

        private static long orZero(Long value) {
            return value == null ? 0 : value;
        }

        private CatalogException fail(String field, String problem) {
            JsonNode id = node.isObject() ? node.get("Id") : null;
            StringBuilder message = new StringBuilder("image ").append(index);
            if (id != null && id.isTextual()) {
                message.append(" (Id \"").append(id.textValue()).append("\")");
            }
            message.append(" at ").append(position(where));
            if (field != null) {
                message.append(", field ").append(field);
            }
            return new CatalogException(source, message.append(": ").append(problem).toString());
        }

        private static String kind(JsonNode value) {
            if (value.isTextual()) {
                return "a string";
            }
            if (value.isNumber()) {
                return value.isIntegralNumber() ? "the number " + value.asText() : "the fraction " + value.asText();
            }
            return switch (value.getNodeType()) {
                case OBJECT -> "an object";
                case ARRAY -> "an array";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
                default -> value.getNodeType().name().toLowerCase();
            };
        }
    }

    /** Go sorts map keys by bytes of UTF-8, which is code point order (not Java's UTF-16 order). */
    static int compareAsGo(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

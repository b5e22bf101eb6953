package dev.imagecatalog.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a catalog file: exactly what a daemon answers to {@code GET /images/json?all=1}. The file
 * is read as a token stream, one image object at a time, without building a tree; every rule of the
 * catalog format is checked here and the first broken one is reported as a single
 * {@link CatalogException} naming the file, the image (index and Id), the field and the problem.
 * Nothing is ever half-loaded.
 */
public final class CatalogLoader {

    private static final String NO_TAG = "<none>:<none>";
    private static final String NO_DIGEST = "<none>@<none>";

    /**
     * Duplicate keys are refused where they would be ambiguous (the fields read, label keys), by
     * {@link Fields}; elsewhere they are ignored, as Go's decoder ignores them. Jackson's own
     * detection would cost a set per object: a tenth of a large catalog's load.
     */
    private static final JsonFactory JSON = new JsonFactory();

    /** What was in a field that has the wrong kind of value, as the messages name it ("a string", "the number 5"). */
    private record Found(String description) {
    }

    private CatalogLoader() {
    }

    /** Loads a catalog file from disk. */
    public static Catalog load(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new CatalogException(source, "is a directory, not a catalog file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, source, expectedImages(Files.size(file)));
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
        return load(in, source, 16);
    }

    /**
     * About how many images a file of this size holds (a daemon writes 400 to 800 bytes per image),
     * so that the indexes are allocated once at about their final size instead of growing by
     * doubling (an eighth of a large catalog's load, measured).
     */
    static int expectedImages(long fileBytes) {
        return (int) Math.min(fileBytes / 400, 1 << 22);
    }

    private static Catalog load(InputStream in, String source, int expectedImages) throws IOException {
        Indexes indexes = new Indexes(expectedImages);
        List<CatalogImage> images = new ArrayList<>(expectedImages);
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CatalogException(source, "is empty; expected a JSON array of images");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new CatalogException(source, "expected a JSON array of images, found " + kind(first));
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new CatalogException(source, "ends before the array is closed");
                }
                int index = images.size();
                JsonLocation where = parser.currentTokenLocation();
                Fields fields;
                try {
                    fields = Fields.read(parser, indexes);
                } catch (JsonProcessingException e) {
                    throw new CatalogException(source, "image " + index + " is not valid JSON at "
                            + position(e.getLocation()) + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
                }
                images.add(new ImageChecker(source, index, where, fields).check(indexes));
            }
            if (parser.nextToken() != null) {
                throw new CatalogException(source, "has content after the array of images, at "
                        + position(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new CatalogException(source, "is not valid JSON at " + position(e.getLocation()) + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        return Catalog.of(images, indexes.byId, indexes.byReference, indexes.parents);
    }

    /**
     * What the loader learns while checking: load positions by id and by canonical reference (to
     * refuse duplicates, then kept by the catalog), the ids named as parents, and one copy of each
     * label value (a large catalog repeats them many times).
     */
    private static final class Indexes {
        final PositionIndex byId;
        final PositionIndex byReference;
        final Set<String> parents = new HashSet<>();
        final Map<String, String> strings;

        Indexes(int expectedImages) {
            byId = new PositionIndex(expectedImages);
            byReference = new PositionIndex(expectedImages * 2); // a tag and a digest each, most often
            strings = new HashMap<>(tableFor(expectedImages));
        }

        /** A hash map's initial capacity that holds this many entries without growing. */
        private static int tableFor(int entries) {
            return (int) (entries / 0.75f) + 1;
        }

        String shared(String value) {
            String known = strings.putIfAbsent(value, value);
            return known == null ? value : known;
        }
    }

    /**
     * The fields of one image object as the stream gave them, before any rule is checked: a string,
     * a {@code Long}, a list, label pairs, or {@link Found} when the value has another kind; null
     * when absent or JSON null. Other fields are skipped.
     */
    private static final class Fields {
        Object kind;
        Object id;
        Object parentId;
        Object tags;
        Object digests;
        Object created;
        Object size;
        Object virtualSize;
        Object containers;
        Object labels;

        /** Reads the value at the parser's current token (the start of an array element). */
        static Fields read(JsonParser parser, Indexes indexes) throws IOException {
            Fields fields = new Fields();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                fields.kind = describeAndSkip(parser);
                return fields;
            }
            int seen = 0;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                int field = switch (name) {
                    case "Id" -> 0;
                    case "ParentId" -> 1;
                    case "RepoTags" -> 2;
                    case "RepoDigests" -> 3;
                    case "Created" -> 4;
                    case "Size" -> 5;
                    case "VirtualSize" -> 6;
                    case "Containers" -> 7;
                    case "Labels" -> 8;
                    default -> -1;
                };
                if (field >= 0) {
                    if ((seen & 1 << field) != 0) {
                        throw duplicate(parser, name);
                    }
                    seen |= 1 << field;
                }
                parser.nextToken();
                switch (field) {
                    case 0 -> fields.id = string(parser);
                    case 1 -> fields.parentId = string(parser);
                    case 2 -> fields.tags = strings(parser);
                    case 3 -> fields.digests = strings(parser);
                    case 4 -> fields.created = number(parser);
                    case 5 -> fields.size = number(parser);
                    case 6 -> fields.virtualSize = number(parser);
                    case 7 -> fields.containers = number(parser);
                    case 8 -> fields.labels = labels(parser, indexes);
                    default -> parser.skipChildren();
                }
            }
            return fields;
        }

        /** As Jackson words it, at the start of the repeated key. */
        private static JsonParseException duplicate(JsonParser parser, String name) {
            return new JsonParseException(parser, "Duplicate field '" + name + "'", parser.currentTokenLocation());
        }

        private static Object string(JsonParser parser) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> parser.getText();
                default -> describeAndSkip(parser);
            };
        }

        private static Object number(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
            return describeAndSkip(parser);
        }

        private static Object strings(JsonParser parser) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NULL -> null;
                case START_ARRAY -> {
                    List<Object> items = new ArrayList<>(2);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText()
                                : describeAndSkip(parser));
                    }
                    yield items;
                }
                default -> describeAndSkip(parser);
            };
        }

        /** Label pairs in the file's order: key, value (a string or {@link Found}), key, value... */
        private static Object labels(JsonParser parser, Indexes indexes) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NULL -> null;
                case START_OBJECT -> {
                    List<Object> pairs = new ArrayList<>(8);
                    Set<String> many = null; // past a few keys, duplicates are found by a set
                    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                        if (pairs.size() < 16) {
                            for (int i = 0; i < pairs.size(); i += 2) {
                                if (pairs.get(i).equals(key)) {
                                    throw duplicate(parser, key);
                                }
                            }
                        } else {
                            if (many == null) {
                                many = new HashSet<>();
                                for (int i = 0; i < pairs.size(); i += 2) {
                                    many.add((String) pairs.get(i));
                                }
                            }
                            if (!many.add(key)) {
                                throw duplicate(parser, key);
                            }
                        }
                        pairs.add(key);
                        pairs.add(parser.nextToken() == JsonToken.VALUE_STRING ? indexes.shared(parser.getText())
                                : describeAndSkip(parser));
                    }
                    yield pairs;
                }
                default -> describeAndSkip(parser);
            };
        }
    }

    /** Checks one image's fields in a fixed order, so that the first broken rule is the one reported. */
    private record ImageChecker(String source, int index, JsonLocation where, Fields fields) {

        CatalogImage check(Indexes indexes) {
            if (fields.kind != null) {
                throw fail(null, "expected an image object, found " + ((Found) fields.kind).description());
            }
            String id = checkId();
            int clash = indexes.byId.putIfAbsent(CatalogImage.keyOf(id), index);
            if (clash >= 0) {
                throw fail("Id", "duplicate: image " + clash + " has the same Id");
            }
            String parentId = optionalString("ParentId", fields.parentId);
            List<ImageReference> tags = references("RepoTags", fields.tags, NO_TAG, true, indexes);
            List<ImageReference> digests = references("RepoDigests", fields.digests, NO_DIGEST, false, indexes);
            Long size = optionalLong("Size", fields.size);
            Long virtualSize = optionalLong("VirtualSize", fields.virtualSize);
            long effectiveSize = size != null ? size : virtualSize != null ? virtualSize : 0L;
            Long containers = optionalLong("Containers", fields.containers);
            Long created = optionalLong("Created", fields.created);
            Map<String, String> labels = labels();
            if (parentId != null && !parentId.isEmpty()) {
                indexes.parents.add(CatalogImage.keyOf(parentId));
            }
            return new CatalogImage(
                    id,
                    parentId == null ? "" : parentId,
                    tags,
                    digests,
                    created == null ? 0 : created,
                    effectiveSize,
                    virtualSize != null ? virtualSize : effectiveSize,
                    labels,
                    containers == null || containers < 0 ? 0 : containers,
                    false);
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
                Indexes indexes) {
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

        private Map<String, String> labels() {
            if (fields.labels == null) {
                return null;
            }
            if (fields.labels instanceof Found found) {
                throw fail("Labels", "expected an object of strings or null, found " + found.description());
            }
            List<?> pairs = (List<?>) fields.labels;
            String[] keys = new String[pairs.size() / 2];
            String[] values = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = (String) pairs.get(2 * i);
                if (pairs.get(2 * i + 1) instanceof Found found) {
                    throw fail("Labels." + printable(keys[i]), "expected a string, found " + found.description());
                }
                values[i] = (String) pairs.get(2 * i + 1);
            }
            return Labels.of(keys, values);
        }

        private String optionalString(String field, Object value) {
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

        private CatalogException fail(String field, String problem) {
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

    /** The kind of a JSON value, by its first token. */
    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    /** Names the value at the parser's current token for a message, and moves past it. */
    private static Found describeAndSkip(JsonParser parser) throws IOException {
        Found found = new Found(describe(parser));
        parser.skipChildren();
        return found;
    }

    private static String describe(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> "the number " + parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> "the fraction " + parser.getDoubleValue();
            default -> kind(parser.currentToken());
        };
    }

    private static String position(JsonLocation location) {
        return location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Text from the catalog in a message, in quotes: escaped and cut short, so that the message stays one readable line. */
    static String quoted(String text) {
        return "\"" + printable(text.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }

    /** Text with control characters, line separators and broken surrogates escaped, cut after 200 characters. */
    static String printable(String text) {
        int limit = 200;
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
        for (int i = 0; i < text.length() && i < limit; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > limit ? out.append("...").toString() : out.toString();
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

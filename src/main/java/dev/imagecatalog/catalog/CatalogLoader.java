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
 * Reads a catalog file: exactly what a daemon answers to {@code GET /images/json?all=1}, or to
 * {@code docker image inspect} (the inspect form), or a mix of both. The file
 * is read as a token stream, one image object at a time, without building a tree; every rule of the
 * catalog format is checked here and the first broken one is reported as a single
 * {@link CatalogException} naming the file, the image (index and Id), the field and the problem.
 * Nothing is ever half-loaded.
 */
public final class CatalogLoader {

    /**
     * Duplicate keys are refused where they would be ambiguous (the fields read, label keys), by
     * {@link EntryFields}; elsewhere they are ignored, as Go's decoder ignores them. Jackson's own
     * detection would cost a set per object: a tenth of a large catalog's load.
     */
    private static final JsonFactory JSON = new JsonFactory();

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
                EntryFields fields;
                try {
                    fields = EntryFields.read(parser, indexes);
                } catch (JsonProcessingException e) {
                    throw new CatalogException(source, "image " + index + " is not valid JSON at "
                            + position(e.getLocation()) + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
                }
                images.add(new EntryChecker(source, index, where, fields).check(indexes));
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
    static final class Indexes {
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

    /** The kind of a JSON value, by its first token. */
    static String kind(JsonToken token) {
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

    static String position(JsonLocation location) {
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
    public static int compareAsGo(String a, String b) {
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

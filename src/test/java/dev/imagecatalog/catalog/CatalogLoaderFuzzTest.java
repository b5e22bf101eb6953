package dev.imagecatalog.catalog;

import dev.imagecatalog.catalog.snapshot.Snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzes the catalog loader: generated catalogs (every field of every kind, right and wrong) and
 * the same catalogs with random damage (bytes flipped, cut short, spliced). Each either loads whole
 * or is refused with the one-line message; never another exception, a hang, or a partial catalog.
 */
class CatalogLoaderFuzzTest {

    private static final String SEED = "20261122";
    private static final String SOURCE = "fuzz.json";
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Property(seed = SEED)
    void aGeneratedCatalogLoadsWholeOrIsRefusedInOneLine(@ForAll("catalogs") List<String> images) {
        String json = "[" + String.join(",", images) + "]";
        Catalog catalog = loadOrRefuse(json.getBytes(StandardCharsets.UTF_8));
        if (catalog != null) {
            assertEquals(images.size(), catalog.size(), "every image, or none: " + json);
            Catalog compiled = throughSnapshot(catalog);
            assertEquals(catalog.images(), compiled.images(), "a snapshot holds the same images: " + json);
            for (CatalogImage image : catalog.images()) {
                assertSame(image, catalog.byId(image.id()), "found by its id");
                assertEquals(image, compiled.byId(image.id()), "found by its id in the snapshot");
                image.tags().forEach(tag -> assertSame(image, catalog.byReference(tag.canonical()), "found by " + tag));
            }
        }
    }

    @Property(seed = SEED)
    void aDamagedCatalogLoadsOrIsRefusedInOneLine(@ForAll("catalogs") List<String> images, @ForAll long damageSeed) {
        byte[] json = ("[" + String.join(",", images) + "]").getBytes(StandardCharsets.UTF_8);
        loadOrRefuse(damage(json, new Random(damageSeed)));
    }

    @Example
    void deepNestingIsRefusedQuickly() {
        for (String deep : new String[] {"[".repeat(200_000), "[" + "{\"a\":".repeat(200_000), "[{\"Labels\":" + "[".repeat(200_000),
                "[{\"Id\":\"x\",\"Names\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}]"}) {
            String message = refusal(deep.getBytes(StandardCharsets.UTF_8));
            assertTrue(message.contains("not valid JSON") || message.contains("ends before"), message);
        }
    }

    @Example
    void hugeValuesAreRefusedNotSwallowed() {
        String id = "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";
        String hugeLabel = "[{\"Id\":\"" + id + "\",\"Labels\":{\"a\":\"" + "x".repeat(30_000_000) + "\"}}]";
        assertTrue(refusal(hugeLabel.getBytes(StandardCharsets.UTF_8)).contains("exceeds the maximum"));
        String hugeNumber = "[{\"Id\":\"" + id + "\",\"Size\":" + "9".repeat(5_000) + "}]";
        assertTrue(refusal(hugeNumber.getBytes(StandardCharsets.UTF_8)).contains("exceeds the maximum"));
    }

    /** 250,000 images streamed from a generator (never held as one text): it loads, all of them. */
    @Example
    void aHugeCatalogLoads() {
        int count = 250_000;
        Enumeration<InputStream> parts = new Enumeration<>() {
            int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next <= count;
            }

            @Override
            public InputStream nextElement() {
                int i = next++;
                String text = i < 0 ? "[" : i == count ? "]"
                        : (i > 0 ? ",\n" : "") + String.format("{\"Id\":\"%064x\",\"RepoTags\":[\"app-%d:1\"],\"Created\":%d,"
                                + "\"Labels\":{\"team\":\"t%d\"}}", i, i, i, i % 50);
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
            }
        };
        Catalog catalog = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CatalogLoader.load(new SequenceInputStream(parts), SOURCE));
        assertEquals(count, catalog.size());
        assertEquals(count / 50, catalog.positionsWithLabel("team", "t7").length);
    }

    /** Loads, or checks the refusal is the one-line message; returns the catalog or null. */
    /** The catalog written as a snapshot and read back. */
    private static Catalog throughSnapshot(Catalog catalog) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("fuzzed", ".snapshot");
            try {
                Snapshot.write(catalog, file);
                return Snapshot.read(file);
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Catalog loadOrRefuse(byte[] json) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                return CatalogLoader.load(new ByteArrayInputStream(json), SOURCE);
            } catch (CatalogException e) {
                checkMessage(e.getMessage());
                return null;
            } catch (Throwable e) {
                return fail("not a CatalogException for " + shorten(json), e);
            }
        });
    }

    private static String refusal(byte[] json) {
        String message = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(CatalogException.class, () -> CatalogLoader.load(new ByteArrayInputStream(json), SOURCE))
                        .getMessage());
        checkMessage(message);
        return message;
    }

    private static void checkMessage(String message) {
        assertTrue(message.startsWith("Cannot load image catalog " + SOURCE + ": "), message);
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertTrue(message.length() < 2_000, "short: " + message.length() + " characters");
    }

    private static String shorten(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    /** One to three kinds of damage: flipped bytes, a cut, a splice of another part, a removed range. */
    static byte[] damage(byte[] json, Random random) {
        List<Byte> bytes = new ArrayList<>(json.length);
        for (byte b : json) {
            bytes.add(b);
        }
        for (int n = 1 + random.nextInt(3); n > 0 && !bytes.isEmpty(); n--) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(5)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.subList(at, bytes.size()).clear();
                case 2 -> bytes.subList(at, Math.min(bytes.size(), at + 1 + random.nextInt(20))).clear();
                case 3 -> {
                    int from = random.nextInt(bytes.size());
                    List<Byte> piece = new ArrayList<>(bytes.subList(from, Math.min(bytes.size(), from + 1 + random.nextInt(40))));
                    bytes.addAll(at, piece);
                }
                default -> {
                    byte[] token = TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                    List<Byte> piece = new ArrayList<>();
                    for (byte b : token) {
                        piece.add(b);
                    }
                    bytes.addAll(at, piece);
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-1", "1e999",
            "\"Id\":", "\"RepoTags\":", "\"Labels\":{", "\u0000", "\uFEFF", "\uD800", "\"\\u0000\"", "\"\\ud800\"", "/*", "\n"};

    @Provide
    Arbitrary<List<String>> catalogs() {
        return image().list().ofMaxSize(6);
    }

    private static Arbitrary<String> image() {
        Arbitrary<String> id = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(hex -> "\"sha256:" + hex + "\"")),
                Tuple.of(4, Arbitraries.strings().withChars("0123").ofLength(64).map(hex -> "\"" + hex + "\"")),
                Tuple.of(1, Arbitraries.of("\"\"", "\"abc\"", "null", "5", "[]", "{}", "\"sha256:\"", "\"SHA256:" + "A".repeat(64) + "\"",
                        "\"a\\nb\"", "\"\\u0000\"", "\"\\\"quoted\\\"\"", "\"" + "0".repeat(64) + "\"")),
                Tuple.of(1, anyString().map(CatalogLoaderFuzzTest::quote)));
        Arbitrary<String> reference = Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(Arbitraries.of("ubuntu", "library/ubuntu", "docker.io/library/ubuntu", "acme/app",
                        "localhost:5000/a/b", "[::1]:5000/x", "registry.example.com/team/app", "a", "a-b_c.d", "UPPER", "-bad",
                        "a//b", "<none>"), Arbitraries.of(":1", ":latest", ":22.04", ":", ":-x", ":" + "t".repeat(129), "",
                                "@sha256:" + "a".repeat(64), ":1@sha256:" + "b".repeat(64), "@sha256:1", ":<none>"))
                        .as((name, suffix) -> quote(name + suffix))),
                Tuple.of(1, Arbitraries.of("\"<none>:<none>\"", "\"<none>@<none>\"", "null", "1", "[]")),
                Tuple.of(1, anyString().map(CatalogLoaderFuzzTest::quote)));
        Arbitrary<String> references = Arbitraries.frequencyOf(
                Tuple.of(8, reference.list().ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]")),
                Tuple.of(1, Arbitraries.of("null", "\"ubuntu:1\"", "{}", "1", "[[]]")));
        Arbitrary<String> number = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("null", "1.5", "-0", "1e3", "99999999999999999999", "-9223372036854775809", "\"1\"", "true", "[]")));
        Arbitrary<String> label = Combinators.combine(anyString(), Arbitraries.frequencyOf(
                Tuple.of(8, anyString().map(CatalogLoaderFuzzTest::quote)),
                Tuple.of(1, Arbitraries.of("null", "1", "true", "[]", "{}"))))
                .as((key, value) -> quote(key) + ":" + value);
        Arbitrary<String> labels = Arbitraries.frequencyOf(
                Tuple.of(6, label.list().ofMaxSize(4).map(list -> "{" + String.join(",", list) + "}")),
                Tuple.of(1, Arbitraries.of("null", "[]", "\"a=b\"", "1")));
        Arbitrary<String> field = Arbitraries.frequencyOf(
                Tuple.of(3, references.map(v -> "\"RepoTags\":" + v)),
                Tuple.of(3, references.map(v -> "\"RepoDigests\":" + v)),
                Tuple.of(2, number.map(v -> "\"Created\":" + v)),
                Tuple.of(2, number.map(v -> "\"Size\":" + v)),
                Tuple.of(1, number.map(v -> "\"VirtualSize\":" + v)),
                Tuple.of(1, number.map(v -> "\"Containers\":" + v)),
                Tuple.of(2, labels.map(v -> "\"Labels\":" + v)),
                Tuple.of(1, id.map(v -> "\"ParentId\":" + v)),
                Tuple.of(1, Arbitraries.of("\"Names\":[\"x\"]", "\"SharedSize\":-1", "\"Extra\":{\"a\":[1,{\"b\":null}]}", "\"\":0")));
        return Combinators.combine(id, field.list().ofMaxSize(6), Arbitraries.integers().between(0, 10))
                .as((theId, fields, where) -> {
                    List<String> all = new ArrayList<>(fields);
                    if (where > 0) { // most images have an Id, somewhere among their fields
                        all.add(Math.min(where, all.size()), "\"Id\":" + theId);
                    }
                    Collections.shuffle(all, new Random(where));
                    return "{" + String.join(",", all) + "}";
                });
    }

    private static Arbitrary<String> anyString() {
        return Arbitraries.strings().ofMaxLength(12);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

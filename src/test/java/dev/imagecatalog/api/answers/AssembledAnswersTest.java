package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.ResponseShape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.CompileCatalog;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.CatalogStatus;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.QueryParameters;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filtered answer assembled from the stored default answer's images (and kept) is, byte for byte,
 * the answer rendered whole as before (DockerJson.images, the oracle): on generated catalogs in both
 * forms, served from JSON and from a snapshot, for random filter sets at every API version.
 */
public class AssembledAnswersTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String[] REPOS = {"app", "web", "acme/api", "localhost:5000/team/tool", "ubuntu", "registry.example.com/x/y"};

    @TempDir
    Path dir;

    /** n images: tags and digests from a few repositories, labels from a few keys, ties in Created, parents, both forms. */
    public static String catalogJson(Random random, int n) {
        StringBuilder json = new StringBuilder("[");
        java.util.Set<String> used = new java.util.HashSet<>(); // a reference names one image
        String parent = null;
        for (int i = 0; i < n; i++) {
            String id = String.format("%064x", random.nextLong() & Long.MAX_VALUE).substring(0, 48) + String.format("%016x", i);
            boolean inspectForm = random.nextInt(4) == 0;
            json.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(i % 2 == 0 ? "sha256:" : "").append(id).append('"');
            long created = 1_700_000_000L + random.nextInt(50); // many ties
            json.append(inspectForm ? ",\"Created\":\"" + Instant.ofEpochSecond(created) + "\"" : ",\"Created\":" + created);
            List<String> tags = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            int kind = random.nextInt(10);
            if (kind < 7) { // tagged (and some pushed)
                for (int t = random.nextInt(3) + 1; t > 0; t--) {
                    String tag = REPOS[random.nextInt(REPOS.length)] + ":" + (random.nextInt(9) + (random.nextBoolean() ? "" : ".1"));
                    if (used.add(tag)) {
                        tags.add("\"" + tag + "\"");
                    }
                }
                if (random.nextBoolean()) {
                    digests.add("\"" + REPOS[random.nextInt(REPOS.length)] + "@sha256:" + String.format("%064x", 2L * i + 1) + "\"");
                }
            } else if (kind < 8) { // only a digest
                digests.add("\"" + REPOS[random.nextInt(REPOS.length)] + "@sha256:" + String.format("%064x", 2L * i + 2) + "\"");
            } // else no refs: dangling, or intermediate when another image names it as parent
            json.append(",\"RepoTags\":").append(tags);
            json.append(",\"RepoDigests\":").append(digests);
            String labels = switch (random.nextInt(5)) {
                case 0 -> "null";
                case 1 -> "{}";
                // (b: a line separator, which Go escapes; d: what a reader of the JSON must not take for structure)
                default -> "{\"a\":\"" + random.nextInt(3) + "\",\"b\":\"x\u2028" + random.nextInt(2) + "\"" + (random.nextBoolean() ? ",\"c\":\"\"" : "")
                        + (random.nextBoolean() ? ",\"d\":\"}{\\\"[\\\\]\"" : "") + "}";
            };
            json.append(inspectForm ? ",\"Config\":{\"Labels\":" + labels + "}" : ",\"Labels\":" + labels);
            if (parent != null && random.nextInt(3) == 0) {
                json.append(inspectForm ? ",\"Parent\":\"" : ",\"ParentId\":\"").append(parent).append('"');
            }
            json.append(",\"Size\":").append(random.nextInt(5000)).append('}');
            parent = (i % 2 == 0 ? "sha256:" : "") + id;
            if (kind >= 8) {
                parent = "sha256:" + id;
            }
        }
        return json.append(']').toString();
    }

    private static String randomFilters(Random random, Catalog catalog) {
        List<String> parts = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            parts.add("\"label\":[\"" + new String[] {"a", "a=1", "b", "c", "c=", "zzz"}[random.nextInt(6)] + "\"]");
        }
        if (random.nextInt(4) == 0) {
            parts.add("\"label!\":[\"" + new String[] {"a=2", "c", "b"}[random.nextInt(3)] + "\"]");
        }
        if (random.nextInt(4) == 0) {
            parts.add("\"dangling\":[\"" + random.nextBoolean() + "\"]");
        }
        if (random.nextInt(2) == 0) {
            parts.add("\"reference\":[\"" + new String[] {"app", "app:*", "*", "web:1?", "localhost:5000/*/*", "ubuntu", "acme/*",
                "docker.io/library/ubuntu", "*:1.1", "registry.example.com/x/y@sha256:*"}[random.nextInt(10)] + "\"]");
        }
        if (random.nextInt(4) == 0 && !catalog.images().isEmpty()) {
            String id = catalog.images().get(random.nextInt(catalog.size())).idKey();
            parts.add("\"" + (random.nextBoolean() ? "before" : "since") + "\":[\"" + id + "\"]");
        }
        return "{" + String.join(",", parts) + "}";
    }

    /** The catalog written as JSON, and compiled into a snapshot (as compile-catalog does) if asked: the file to serve. */
    private Path catalogFile(String name, String catalogJson, boolean snapshot) throws Exception {
        Path json = Files.writeString(dir.resolve(name + ".json"), catalogJson, StandardCharsets.UTF_8);
        if (!snapshot) {
            return json;
        }
        Path compiled = dir.resolve(name + ".snapshot");
        assertEquals(0, CompileCatalog.run(CompileCatalog.COMMAND, json.toString(), compiled.toString()));
        return compiled;
    }

    @Test
    void assembledAnswersAreTheRenderedOnes() throws Exception {
        Random random = new Random(2026);
        int compared = 0;
        for (int c = 0; c < 24; c++) {
            // (every third served from a snapshot: its compiled default answer has no fragments, the other shapes do)
            Path file = catalogFile("catalog-" + c, catalogJson(random, 10 + random.nextInt(150)), c % 3 == 0);
            Path source = file;
            ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(file)), new CatalogStatus(), Runnable::run);
            Catalog catalog = served.current();
            UnfilteredAnswers unfiltered = new UnfilteredAnswers(served, new ServingForm(), false);
            FilteredAnswers filtered = new FilteredAnswers(new MemorySize(BigInteger.valueOf(1 << 22)), served, unfiltered);
            boolean rendered = random.nextInt(4) != 0; // else no fragments yet: the answer is written whole
            for (ResponseShape shape : ResponseShape.values()) {
                if (rendered) {
                    unfiltered.get(catalog, shape, false);
                }
            }
            for (int q = 0; q < 40; q++) {
                String raw = (random.nextBoolean() ? "all=1&" : "") + "filters=" + URLEncoder.encode(randomFilters(random, catalog), StandardCharsets.UTF_8);
                ImageQuery query = ImageQuery.from(QueryParameters.parse(raw), catalog, NOW);
                for (ResponseShape shape : ResponseShape.values()) {
                    byte[] oracle = DockerJson.images(ImageSelector.select(catalog, query), shape);
                    RenderedAnswer answer = filtered.answer(catalog, shape, query, raw, random.nextBoolean());
                    assertArrayEquals(oracle, answer.body(), () -> source + " " + raw + " at " + shape + ":\n" + new String(oracle, StandardCharsets.UTF_8)
                            + "\n" + new String(answer.body(), StandardCharsets.UTF_8));
                    if (answer.etag() != null) {
                        assertSame(answer, filtered.answer(catalog, shape, query, raw, false), "kept");
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared >= 24 * 40 * ResponseShape.values().length, "compared " + compared);
    }

    /**
     * A query of labels alone lists its images from the index and the stored answer's bytes: from
     * a snapshot, its compiled answer is read for it when it lists many (not the image blocks), and
     * with {@code all} the intermediate images it lists are written anew; byte for byte the rendered answer.
     */
    @Test
    void labelsAloneAreAssembledFromTheStoredAnswer() throws Exception {
        Random random = new Random(23);
        int compiledRead = 0;
        for (int c = 0; c < 12; c++) {
            Path file = catalogFile("labels-" + c, catalogJson(random, 40 + random.nextInt(200)), c % 2 == 0);
            // (the background check held back: nothing of a snapshot is read but what the answers read)
            ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(file)), new CatalogStatus(), task -> { });
            Catalog catalog = served.current();
            UnfilteredAnswers unfiltered = new UnfilteredAnswers(served, new ServingForm(), false);
            FilteredAnswers filtered = new FilteredAnswers(new MemorySize(BigInteger.valueOf(c % 3 == 0 ? 0 : 1 << 22)), served, unfiltered);
            if (catalog.compiledDefaultAnswer() != null) {
                assertFalse(catalog.compiledDefaultAnswer().isRead(), "nothing read before the first filter");
            }
            if (c % 4 == 1) {
                for (ResponseShape shape : ResponseShape.values()) {
                    unfiltered.get(catalog, shape, false);
                }
            }
            for (String labels : List.of("[\"a\"]", "[\"a=1\"]", "[\"b\",\"c\"]", "[\"c=\"]", "[\"zzz\"]", "[\"a=0\",\"a=1\"]", "[\"d\"]")) {
                for (String all : List.of("", "all=1&")) {
                    String raw = all + "filters=" + URLEncoder.encode("{\"label\":" + labels + "}", StandardCharsets.UTF_8);
                    ImageQuery query = ImageQuery.from(QueryParameters.parse(raw), catalog, NOW);
                    for (ResponseShape shape : ResponseShape.values()) {
                        RenderedAnswer answer = filtered.answer(catalog, shape, query, raw, random.nextBoolean());
                        byte[] oracle = DockerJson.images(ImageSelector.select(catalog, query), shape);
                        assertArrayEquals(oracle, answer.body(), () -> raw + " at " + shape + ":\n" + new String(oracle, StandardCharsets.UTF_8)
                                + "\n" + new String(answer.body(), StandardCharsets.UTF_8));
                        if (catalog.compiledDefaultAnswer() != null && shape == UnfilteredAnswers.DEFAULT_SHAPE && labels.equals("[\"a\"]")
                                && all.isEmpty()) {
                            assertFalse(catalog.compiledDefaultAnswer().isBodyRead(),
                                    "the first label filter that lists many: cut from the compiled answer's pieces, none of it kept");
                        }
                    }
                }
            }
            if (catalog.compiledDefaultAnswer() != null) {
                assertTrue(catalog.compiledDefaultAnswer().isBodyRead(), "the second label filter that lists many (a, with all) "
                        + "read the compiled answer whole, to keep");
                compiledRead++;
            }
        }
        assertEquals(6, compiledRead);
    }

    /**
     * A query of labels that lists many images of a snapshot is cut from its compiled answer, each
     * piece checked as it is read: a damaged byte there fails it (and is reported), never sent;
     * a query that lists few is written from the image blocks, which are sound.
     */
    @Test
    void labelsListingManyAreCutFromTheCompiledAnswerAndNeverFromADamagedPiece() throws Exception {
        Path file = catalogFile("labels-damaged", catalogJson(new Random(29), 300), true);
        byte[] bytes = Files.readAllBytes(file);
        ServedCatalog sound = new ServedCatalog(new CatalogSource(Optional.of(file)), new CatalogStatus(), task -> { });
        java.nio.ByteBuffer compiled = sound.current().compiledDefaultAnswer().body();
        byte[] body = new byte[compiled.remaining()];
        compiled.get(body);
        int offset = dev.imagecatalog.http.RawHttp.indexOf(bytes, java.util.Arrays.copyOf(body, 256));
        assertTrue(offset > 0, "the compiled answer's bytes are in the file");
        bytes[offset + body.length / 2] ^= 0x20;
        Path damaged = Files.write(file.resolveSibling("labels-damaged-bad.snapshot"), bytes);

        List<CatalogException> reported = new ArrayList<>();
        Catalog catalog = Snapshot.open(damaged, reported::add).catalog(); // (the service's stop on damage: ServedSnapshotTest)
        UnfilteredAnswers unfiltered = new UnfilteredAnswers(sound, new ServingForm(), false);
        FilteredAnswers filtered = new FilteredAnswers(new MemorySize(BigInteger.valueOf(1 << 22)), sound, unfiltered);
        String few = "filters=" + URLEncoder.encode("{\"label\":[\"a=0\",\"b=x\u20280\",\"c\",\"d\"]}", StandardCharsets.UTF_8);
        ImageQuery fewQuery = ImageQuery.from(QueryParameters.parse(few), catalog, NOW);
        int fewListed = ImageSelector.select(catalog, fewQuery).size();
        assertTrue(fewListed > 0 && fewListed * 32 < catalog.size(), "four labels list a few: " + fewListed);
        assertArrayEquals(DockerJson.images(ImageSelector.select(catalog, fewQuery), UnfilteredAnswers.DEFAULT_SHAPE),
                filtered.answer(catalog, UnfilteredAnswers.DEFAULT_SHAPE, fewQuery, few, false).body());

        String many = "filters=" + URLEncoder.encode("{\"label\":[\"a\"]}", StandardCharsets.UTF_8);
        ImageQuery manyQuery = ImageQuery.from(QueryParameters.parse(many), catalog, NOW);
        CatalogException refused = assertThrows(CatalogException.class,
                () -> filtered.answer(catalog, UnfilteredAnswers.DEFAULT_SHAPE, manyQuery, many, false));
        assertTrue(refused.getMessage().contains("corrupted"), refused.getMessage());
        assertEquals(List.of(refused), reported, "the damage reported, once");
    }

    /**
     * From a snapshot whose compiled answer spans several pieces (two readers, ranges cut across
     * pieces), the first label filter that lists many is the rendered answer, byte for byte, and
     * keeps nothing of the compiled answer; the second (with {@code all}: its intermediate images
     * written anew) reads it whole.
     */
    @Test
    void aLabelFilterCutFromSeveralPiecesIsTheRenderedAnswer() throws Exception {
        Path file = dev.imagecatalog.http.GeneratedCatalogs.compiledSnapshot(6000, "labels-pieces");
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(file)), new CatalogStatus(), task -> { });
        Catalog catalog = served.current();
        assertTrue(catalog.compiledDefaultAnswer().pieces(false).count() > 2, "the compiled answer spans several pieces");
        UnfilteredAnswers unfiltered = new UnfilteredAnswers(served, new ServingForm(), false);
        FilteredAnswers filtered = new FilteredAnswers(new MemorySize(BigInteger.valueOf(64L << 20)), served, unfiltered);
        for (String raw : List.of("filters=" + URLEncoder.encode("{\"label\":[\"com.example.version=v3\"]}", StandardCharsets.UTF_8),
                "all=1&filters=" + URLEncoder.encode("{\"label\":[\"com.example.team\"]}", StandardCharsets.UTF_8))) {
            ImageQuery query = ImageQuery.from(QueryParameters.parse(raw), catalog, NOW);
            boolean first = raw.startsWith("filters=");
            RenderedAnswer answer = filtered.answer(catalog, UnfilteredAnswers.DEFAULT_SHAPE, query, raw, false);
            assertArrayEquals(DockerJson.images(ImageSelector.select(catalog, query), UnfilteredAnswers.DEFAULT_SHAPE), answer.body(), raw);
            assertEquals(!first, catalog.compiledDefaultAnswer().isBodyRead(), first ? "the first: cut from the pieces, none of it kept"
                    : "the second: the compiled answer read whole, to keep");
        }
    }
}

package dev.imagecatalog.api.answers;

import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.ResponseShape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.CatalogStatus;
import dev.imagecatalog.catalog.ServedCatalog;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer cache: the answer rendered the way it always was, made once, within its bound, per catalog. */
class FilteredAnswersTest {

    @TempDir
    Path dir;

    /** n images, image i labelled team=t(i % 10) and tagged app:i. */
    private static String catalogJson(int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(String.format("%064x", i + 1)).append("\",\"RepoTags\":[\"app:")
                    .append(i).append("\"],\"Created\":").append(1000 + i).append(",\"Size\":").append(100 + i)
                    .append(",\"Labels\":{\"team\":\"t").append(i % 10).append("\"}}");
        }
        return json.append(']').toString();
    }

    private FilteredAnswers answers(Path catalog, long bound) {
        ServedCatalog served = new ServedCatalog(new CatalogSource(Optional.of(catalog)), new CatalogStatus(), Runnable::run);
        return new FilteredAnswers(new MemorySize(BigInteger.valueOf(bound)), served, new UnfilteredAnswers(served, new ServingForm(), false));
    }

    private static ImageQuery query(Catalog catalog, String filters) {
        return ImageQuery.from(QueryParameters.parse("filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8)), catalog, Instant.now());
    }

    @Test
    void theSameQueryIsMadeOnceAndAnswersAsRenderedBefore() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), catalogJson(200));
        Catalog catalog = CatalogLoader.load(file);
        FilteredAnswers answers = answers(file, 1 << 20);
        for (ResponseShape shape : ResponseShape.values()) {
            ImageQuery query = query(catalog, "{\"label\":[\"team=t3\"]}");
            RenderedAnswer first = answers.answer(catalog, shape, query, null, false);
            byte[] oracle = DockerJson.images(ImageSelector.select(catalog, query), shape);
            assertArrayEquals(oracle, first.body(), "byte for byte the answer rendered for the request");
            // Another spelling of the same query (list form, map form) is the same entry.
            RenderedAnswer again = answers.answer(catalog, shape, query(catalog, "{\"label\":{\"team=t3\":true}}"), null, false);
            assertSame(first, again);
            assertTrue(first.etag() != null, "a cached answer has an entity tag");
        }
        assertEquals(ResponseShape.values().length, answers.hits());
        assertEquals(ResponseShape.values().length, answers.misses());
    }

    @Test
    void aQueryStringNamesItsAnswerUnlessItHoldsAnUntilFilter() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), catalogJson(100));
        Catalog catalog = CatalogLoader.load(file);
        FilteredAnswers answers = answers(file, 1 << 20);
        String raw = "filters=" + URLEncoder.encode("{\"label\":[\"team=t2\"]}", StandardCharsets.UTF_8);
        assertNull(answers.ifKept(catalog, ResponseShape.V1_51, raw, false), "nothing kept yet");
        RenderedAnswer made = answers.answer(catalog, ResponseShape.V1_51, ImageQuery.from(QueryParameters.parse(raw), catalog, Instant.now()),
                raw, false);
        assertSame(made, answers.ifKept(catalog, ResponseShape.V1_51, raw, false));
        assertNull(answers.ifKept(catalog, ResponseShape.V1_44, raw, false), "per shape");
        assertNull(answers.ifKept(catalog, ResponseShape.V1_51, raw, true), "a gzip client waits for the gzip form: made on a worker");

        // "until=10m" means another time later: never found by its query string.
        String until = "filters=" + URLEncoder.encode("{\"until\":[\"10m\"]}", StandardCharsets.UTF_8);
        answers.answer(catalog, ResponseShape.V1_51, ImageQuery.from(QueryParameters.parse(until), catalog, Instant.now()), until, false);
        assertNull(answers.ifKept(catalog, ResponseShape.V1_51, until, false));
        String escaped = "filters=" + URLEncoder.encode("{\"\\u0075ntil\":[\"10m\"]}", StandardCharsets.UTF_8);
        answers.answer(catalog, ResponseShape.V1_51, ImageQuery.from(QueryParameters.parse(escaped), catalog, Instant.now()), escaped, false);
        assertNull(answers.ifKept(catalog, ResponseShape.V1_51, escaped, false), "until spelled with a JSON escape is until");
    }

    @Test
    void theCacheStaysWithinItsBound() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), catalogJson(500));
        Catalog catalog = CatalogLoader.load(file);
        long bound = 40_000;
        FilteredAnswers answers = answers(file, bound);
        FilteredAnswers.Cache cache = answers.cacheOf(catalog);
        for (int i = 0; i < 200; i++) {
            ImageQuery query = query(catalog, "{\"reference\":[\"app:" + i + "*\"]}");
            answers.answer(catalog, ResponseShape.V1_51, query, null, i % 3 == 0); // a gzip form counts too
            assertTrue(cache.bytes() <= bound, "over the bound after " + i + " queries: " + cache.bytes());
        }
        assertTrue(cache.size() > 1 && cache.size() < 200, "some kept, the oldest gone: " + cache.size());
        // An answer larger than a quarter of the bound is made for its request only.
        RenderedAnswer large = answers.answer(catalog, ResponseShape.V1_51, query(catalog, "{\"label\":[\"team\"]}"), null, false);
        assertNull(large.etag());
        assertNotSame(large, answers.answer(catalog, ResponseShape.V1_51, query(catalog, "{\"label\":[\"team\"]}"), null, false));
    }

    @Test
    void aReloadedCatalogStartsWithAnEmptyCacheAndZeroTurnsItOff() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), catalogJson(50));
        Catalog before = CatalogLoader.load(file);
        Catalog reloaded = CatalogLoader.load(file);
        FilteredAnswers answers = answers(file, 1 << 20);
        RenderedAnswer old = answers.answer(before, ResponseShape.V1_51, query(before, "{\"label\":[\"team=t1\"]}"), null, false);
        RenderedAnswer fresh = answers.answer(reloaded, ResponseShape.V1_51, query(reloaded, "{\"label\":[\"team=t1\"]}"), null, false);
        assertNotSame(old, fresh, "the new catalog's answer, never the old one's");
        assertEquals(2, answers.misses());

        FilteredAnswers off = answers(file, 0);
        RenderedAnswer once = off.answer(before, ResponseShape.V1_51, query(before, "{\"label\":[\"team=t1\"]}"), null, false);
        assertNull(once.etag(), "no cache: made for its request");
        assertNotSame(once, off.answer(before, ResponseShape.V1_51, query(before, "{\"label\":[\"team=t1\"]}"), null, false));
        assertEquals(0, off.bytes());
    }
}

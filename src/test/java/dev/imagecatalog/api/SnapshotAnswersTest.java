package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.InspectJson;
import dev.imagecatalog.api.json.InspectShape;
import dev.imagecatalog.api.json.ResponseShape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.CatalogSource;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import dev.imagecatalog.http.GeneratedCatalogs;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On catalogs of the benchmark's generator, a snapshot answers List Images (every shape, filtered
 * or not) and Image Inspect (every version) byte for byte as its JSON does. (100,000 images: the
 * benchmark compares the two apps' answers.)
 */
class SnapshotAnswersTest {

    @TempDir
    Path dir;

    private static final String[] QUERIES = {"", "all=1", filters("{\"dangling\":[\"true\"]}"),
        filters("{\"label\":[\"com.example.team=team-7\"]}"), filters("{\"reference\":[\"registry.example.com/team-3/*\"]}"),
        filters("{\"label!\":[\"com.example.version=v1\"]}") + "&all=1"};

    /** The default answer exactly as the service stores it (off-heap, rendered by UnfilteredAnswers.get). */
    private static byte[] renderedByTheService(Catalog catalog) {
        ImageQuery query = ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH);
        return RenderedAnswer.stored(1024, out -> DockerJson.images(out, ImageSelector.select(catalog, query),
                ResponseShape.of(ApiVersion.CURRENT))).body();
    }

    private static String filters(String json) {
        return "filters=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 1000, 10000})
    void aSnapshotAnswersAsItsJson(int images) throws Exception {
        Path json = GeneratedCatalogs.generate(images, dir.resolve("catalog.json"));
        Catalog fromJson = CatalogLoader.load(json);
        Path snapshot = dir.resolve("catalog.snapshot");
        byte[] answer = UnfilteredAnswers.compiledAnswer(fromJson).body();
        Snapshot.write(fromJson, UnfilteredAnswers.compiledAnswer(fromJson), snapshot); // as compile-catalog does
        Catalog fromSnapshot = CatalogSource.loadFile(snapshot);
        // The compiled default answer, served as stored, is the one the service renders.
        java.nio.ByteBuffer compiled = fromSnapshot.compiledDefaultAnswer().body();
        assertEquals(RenderedAnswer.stored(answer).etag(), fromSnapshot.compiledDefaultAnswer().tag(), "the same entity tag");
        byte[] compiledBytes = new byte[compiled.remaining()];
        compiled.get(compiledBytes);
        assertArrayEquals(renderedByTheService(fromJson), compiledBytes);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (ResponseShape shape : ResponseShape.values()) {
            for (String query : QUERIES) {
                assertArrayEquals(
                        DockerJson.images(ImageSelector.select(fromJson, ImageQuery.from(QueryParameters.parse(query), fromJson, now)), shape),
                        DockerJson.images(ImageSelector.select(fromSnapshot, ImageQuery.from(QueryParameters.parse(query), fromSnapshot, now)),
                                shape), shape + " " + query);
            }
        }
        for (int i = 0; i < fromJson.size(); i += Math.max(1, fromJson.size() / 50)) {
            CatalogImage image = fromJson.images().get(i);
            for (InspectShape shape : InspectShape.values()) {
                assertArrayEquals(InspectJson.image(image, shape, true), InspectJson.image(fromSnapshot.byId(image.id()), shape, true),
                        image.id() + " " + shape);
            }
        }
    }
}

package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import dev.imagecatalog.http.GeneratedCatalogs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Over HTTP, from a snapshot whose compiled answer is several pieces: the first plain client is
 * sent it while it is read (nothing of it kept), byte for byte the answer compiled from the JSON,
 * with its head; clients at once after, one streamed and the others read whole, get the same.
 */
@QuarkusTest
@TestProfile(SnapshotStreamTest.Generated.class)
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda", disabledReason = "AWS Lambda sends every body whole: nothing streams there")
class SnapshotStreamTest {

    private static final Path JSON = Path.of("target", "snapshots", "generated-6000.json").toAbsolutePath();

    /** 6,000 generated images (a 2.6 MB answer: three pieces), compiled as compile-catalog does; checked only on use. */
    public static class Generated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.path", GeneratedCatalogs.compiledSnapshot(6000, "generated-6000").toString(), "catalog.snapshot-check", "on-use");
        }
    }

    @Inject
    ServedCatalog served;

    private static final RestAssuredConfig RAW = io.restassured.RestAssured.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    private static Response plain() {
        return given().config(RAW).header("Accept-Encoding", "identity").when().get("/images/json")
                .then().statusCode(200).header("Content-Encoding", nullValue()).extract().response();
    }

    @Test
    void theFirstPlainClientIsSentTheAnswerWhileItIsRead() throws Exception {
        Snapshot.DefaultAnswer compiled = UnfilteredAnswers.compiledAnswer(CatalogLoader.load(JSON));
        assertTrue(compiled.body().length > 2 << 20, "several pieces: " + compiled.body().length);
        assertFalse(served.current().compiledDefaultAnswer().isBodyRead());

        Response first = plain();
        assertArrayEquals(compiled.body(), first.asByteArray());
        assertEquals(String.valueOf(compiled.body().length), first.header("Content-Length"));
        assertEquals(compiled.tag(), first.header("ETag"));
        assertEquals("application/json", first.header("Content-Type"));
        assertEquals("Accept-Encoding", first.header("Vary"));
        assertTrue(first.header("Api-Version") != null, "the Docker headers");
        assertFalse(served.current().compiledDefaultAnswer().isBodyRead(), "sent while read: nothing kept");

        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> plain().asByteArray()));
            }
            for (Future<byte[]> answer : answers) {
                assertArrayEquals(compiled.body(), answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        given().header("If-None-Match", compiled.tag()).when().get("/images/json").then().statusCode(304);
    }
}

package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Over HTTP, from a snapshot checked in the background (the default): once the check has read every
 * section and let the file go, no client is streamed a form (there is no file to read it from), and
 * every client gets it whole from memory, either form.
 */
@QuarkusTest
@TestProfile(SnapshotStreamAfterCheckTest.Generated.class)
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda", disabledReason = "AWS Lambda sends every body whole and checks a snapshot on use: nothing streams there")
class SnapshotStreamAfterCheckTest {

    private static final Path JSON = Path.of("target", "snapshots", "generated-6000-checked.json").toAbsolutePath();

    /** 6,000 generated images (a 2.6 MB answer: three pieces), compiled as compile-catalog does; checked in the background. */
    public static class Generated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.path", GeneratedCatalogs.compiledSnapshot(6000, "generated-6000-checked").toString());
        }
    }

    private static final RestAssuredConfig RAW = io.restassured.RestAssured.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Inject
    ServedCatalog served;

    @Test
    void afterTheCheckEveryClientGetsTheFormFromMemory() throws Exception {
        Snapshot.DefaultAnswer compiled = UnfilteredAnswers.compiledAnswer(CatalogLoader.load(JSON));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (checkRunning() || !served.current().compiledDefaultAnswer().isRead()) {
            assertFalse(System.nanoTime() > deadline, "the background check did not end");
            Thread.sleep(50);
        }
        assertNull(served.current().compiledDefaultAnswer().pieces(false), "read whole: nothing to stream");
        for (int round = 0; round < 2; round++) {
            byte[] plain = given().config(RAW).header("Accept-Encoding", "identity").when().get("/images/json")
                    .then().statusCode(200).header("Content-Encoding", nullValue()).extract().asByteArray();
            assertArrayEquals(compiled.body(), plain);
            byte[] gzip = given().config(RAW).header("Accept-Encoding", "gzip").when().get("/images/json")
                    .then().statusCode(200).header("Content-Encoding", equalTo("gzip")).extract().asByteArray();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                assertArrayEquals(compiled.body(), in.readAllBytes());
            }
        }
    }

    private static boolean checkRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals("catalog-check"));
    }
}

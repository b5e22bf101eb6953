package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.http.GeneratedCatalogs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP, from a snapshot: the compiled default answer goes gzipped to a client that takes gzip
 * (the form compiled with it) and plain to one that does not, the same JSON with one entity tag,
 * whichever form is asked for first; a filtered answer of labels alone, assembled from it, too.
 */
@QuarkusTest
@TestProfile(SnapshotGzipTest.Generated.class)
class SnapshotGzipTest {

    /** 3,000 generated images (a 1.3 MB answer), compiled as compile-catalog does. */
    public static class Generated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.path", GeneratedCatalogs.compiledSnapshot(3000, "generated-3000").toString(), "catalog.snapshot-check", "on-use");
        }
    }

    private static final RestAssuredConfig RAW = io.restassured.RestAssured.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    private static Response get(String target, boolean gzip) {
        return given().config(RAW).urlEncodingEnabled(false).header("Accept-Encoding", gzip ? "gzip" : "identity").when().get(target)
                .then().statusCode(200).header("Content-Encoding", gzip ? equalTo("gzip") : nullValue()).extract().response();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void eitherFormFirstTheSameAnswer() throws IOException {
        Response gzipped = get("/images/json", true); // first: only the gzip form is read for it
        Response plain = get("/images/json", false);
        assertArrayEquals(plain.asByteArray(), gunzip(gzipped.asByteArray()));
        assertEquals("W/" + plain.header("ETag"), gzipped.header("ETag"), "the gzip form's tag is the weak one");
        assertEquals(plain.asByteArray().length, Integer.parseInt(plain.header("Content-Length")));
        assertEquals(gzipped.asByteArray().length, Integer.parseInt(gzipped.header("Content-Length")));
        given().header("If-None-Match", plain.header("ETag")).header("Accept-Encoding", "gzip").when().get("/images/json")
                .then().statusCode(304).header("ETag", gzipped.header("ETag"));
        given().config(RAW).header("If-None-Match", gzipped.header("ETag")).header("Accept-Encoding", "identity").when().get("/images/json")
                .then().statusCode(304).header("ETag", plain.header("ETag"));
        String labels = "/images/json?filters=%7B%22label%22%3A%5B%22com.example.version%3Dv3%22%5D%7D";
        Response labelledPlain = get(labels, false);
        assertArrayEquals(labelledPlain.asByteArray(), gunzip(get(labels, true).asByteArray()));
        assertEquals(labelledPlain.asByteArray().length, Integer.parseInt(labelledPlain.header("Content-Length")));
    }
}

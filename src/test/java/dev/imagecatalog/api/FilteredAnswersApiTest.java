package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filtered answers over HTTP: kept once made, with an entity tag (304) and a gzip form, whichever way they leave. */
@QuarkusTest
class FilteredAnswersApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/images/json", "/v1.41/images/json", "/v1.50/images/json"})
    void aFilteredAnswerIsTaggedAndGzipped(String path) throws Exception {
        RestAssuredConfig raw = io.restassured.RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        String filters = "{\"label!\":[\"no.such.label\"]}"; // every image: a body large enough to gzip
        Response plain = given().config(raw).header("Accept-Encoding", "identity").queryParam("filters", filters).queryParam("all", "1").when().get(path);
        plain.then().statusCode(200);
        String etag = plain.header("ETag");
        assertNotNull(etag, "a kept answer has an entity tag");
        Response again = given().config(raw).header("Accept-Encoding", "identity").queryParam("filters", filters).queryParam("all", "1").when().get(path);
        assertEquals(etag, again.header("ETag"));
        assertArrayEquals(plain.asByteArray(), again.asByteArray());
        given().queryParam("filters", filters).queryParam("all", "1").header("If-None-Match", etag).when().get(path)
                .then().statusCode(304);
        Response gzipped = given().config(raw).header("Accept-Encoding", "gzip").queryParam("filters", filters).queryParam("all", "1")
                .when().get(path);
        gzipped.then().statusCode(200).header("Content-Encoding", "gzip").header("ETag", "W/" + etag);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.asByteArray()))) {
            assertArrayEquals(plain.asByteArray(), in.readAllBytes(), "the gzip form is the same answer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "null", "{\"label\":[]}"})
    void filtersThatFilterNothingGetTheStoredAnswer(String filters) {
        Response stored = given().when().get("/images/json");
        Response none = given().queryParam("filters", filters).when().get("/images/json");
        none.then().statusCode(200).header("ETag", stored.header("ETag"));
        assertArrayEquals(stored.asByteArray(), none.asByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oops", "{\"nope\":[\"x\"]}", "{\"before\":[\"zzz\"]}"})
    void aQueryThatCannotBeAnsweredIsStillTheDaemonsError(String filters) {
        for (int i = 0; i < 2; i++) { // (and is never kept)
            Response answer = given().queryParam("filters", filters).when().get("/images/json");
            assertEquals(filters.contains("before") ? 404 : 400, answer.statusCode(), answer.asString());
            assertEquals("application/json", answer.contentType());
        }
    }
}

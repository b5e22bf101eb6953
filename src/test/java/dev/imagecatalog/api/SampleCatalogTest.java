package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The bundled sample catalog answers the examples of the API 1.23 documentation (contract, section 9). */
@QuarkusTest
class SampleCatalogTest {

    private static final String UBUNTU_1204 = "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";
    private static final String UBUNTU_1210 = "b750fe79269d2ec9a3c593ef05b4332b1d1a02a62b4accb2c21d589ff2f5f2dc";
    private static final String BUSYBOX = "4986bf8c15363d1c5d15512d5266f8777bfba4974ac56e3270e7760f6f0a8125";
    private static final String INTERMEDIATE = "ea13149945cb6b1e746bf28032f02e9b5a793523481a0a18645fc77ad53c4ea2";

    @Test
    void theUbuntuExamples() {
        String ubuntu = "find { it.Id == '" + UBUNTU_1204 + "' }.";
        String quantal = "find { it.Id == '" + UBUNTU_1210 + "' }.";
        given().when().get("/v1.23/images/json?all=0").then().statusCode(200)
                .body(ubuntu + "RepoTags", contains("ubuntu:12.04", "ubuntu:precise", "ubuntu:latest"))
                .body(ubuntu + "Created", equalTo(1365714795))
                .body(ubuntu + "Size", equalTo(131506275))
                .body(ubuntu + "VirtualSize", equalTo(131506275))
                .body(ubuntu + "Labels.size()", equalTo(0))
                .body(ubuntu + "ParentId", equalTo(""))
                .body(quantal + "RepoTags", contains("ubuntu:12.10", "ubuntu:quantal"))
                .body(quantal + "ParentId", equalTo("27cf784147099545"))
                .body(quantal + "Created", equalTo(1364102658))
                .body(quantal + "Size", equalTo(24653))
                .body(quantal + "VirtualSize", equalTo(180116135))
                .body(quantal + "Labels.'com.example.version'", equalTo("v1"));
    }

    @Test
    void theBusyboxExample() {
        String busybox = "find { it.Id == '" + BUSYBOX + "' }.";
        given().when().get("/v1.23/images/json?digests=1").then().statusCode(200)
                .body(busybox + "Created", equalTo(1420064636))
                .body(busybox + "ParentId", equalTo(INTERMEDIATE))
                .body(busybox + "RepoDigests", contains(
                        "localhost:5000/test/busybox@sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf"))
                .body(busybox + "RepoTags", contains("localhost:5000/test/busybox:latest", "playdate:latest"))
                .body(busybox + "Size", equalTo(0))
                .body(busybox + "VirtualSize", equalTo(2429728))
                .body(busybox + "Labels.size()", equalTo(0))
                .body("Id", not(hasItem(INTERMEDIATE)));
    }

    @Test
    void theBusyboxImageCanBeNamedByEitherTagOrItsDigest() {
        for (String name : new String[] {"playdate", "localhost:5000/test/busybox:latest",
            "localhost:5000/test/busybox@sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0382cfbdbf"}) {
            given().urlEncodingEnabled(true).queryParam("filters", "{\"since\":[\"" + name + "\"]}")
                    .when().get("/images/json").then().statusCode(200)
                    .body("Id", not(hasItem(BUSYBOX)))
                    .body("Id", hasItem("sha256:6b6c3b2f0de478f07faa9de113103853acb3e5c08f4ee18e3e61764fb3fbc8d2"));
        }
    }

    @Test
    void theSampleShowsAnIntermediateAndADanglingImage() {
        given().when().get("/images/json?all=1").then().statusCode(200)
                .body("Id", hasItem(INTERMEDIATE));
        given().queryParam("filters", "{\"dangling\":[\"true\"]}").when().get("/v1.41/images/json").then()
                .statusCode(200)
                .body("RepoTags", contains(contains("<none>:<none>"), nullValue()));
    }

    @Test
    void unfilteredAnswersCarryAnEntityTagAndHonourIfNoneMatch() {
        String etag = given().when().get("/v1.41/images/json").then().statusCode(200).extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotNull(etag);
        given().header("If-None-Match", etag).when().get("/v1.41/images/json").then()
                .statusCode(304).header("ETag", etag).body(org.hamcrest.Matchers.emptyString());
        given().header("If-None-Match", etag).when().get("/v1.44/images/json").then().statusCode(200)
                .header("ETag", not(equalTo(etag)));
        given().header("If-None-Match", etag).when().get("/v1.41/images/json?all=1").then().statusCode(200);
    }

    /** Large answers go gzipped to clients that take it, in every form. */
    @Test
    void largeAnswersAreGzippedForClientsThatAccept() {
        io.restassured.config.RestAssuredConfig raw = io.restassured.RestAssured.config()
                .decoderConfig(io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders());
        // Stored and filtered answers are gzipped in every form (on AWS Lambda as a binary body: both leave
        // from the stored-answer route).
        given().config(raw).header("Accept-Encoding", "gzip").when().get("/images/json?all=1").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"))
                .header("Vary", "Accept-Encoding");
        given().config(raw).header("Accept-Encoding", "gzip").queryParam("filters", "{\"label!\":[\"x\"]}")
                .when().get("/images/json?all=1").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"));
        given().config(raw).header("Accept-Encoding", "identity").when().get("/images/json?all=1").then().statusCode(200)
                .header("Content-Encoding", nullValue());
    }

    @Test
    void theStoredAnswerIsByteForByteTheSelectedOne() {
        // A filter that every image passes takes the selection path; no filter takes the stored bytes.
        for (String path : new String[] {"/v1.23/images/json", "/v1.41/images/json", "/v1.43/images/json", "/images/json"}) {
            for (String all : new String[] {"0", "1"}) {
                io.restassured.response.Response stored = given().when().get(path + "?all=" + all);
                // Kept in the answer cache: the same bytes, so the same entity tag.
                String selected = given().queryParam("filters", "{\"label!\":[\"no.such.label\"]}").queryParam("all", all)
                        .when().get(path).then().header("ETag", equalTo(stored.header("ETag"))).extract().asString();
                org.junit.jupiter.api.Assertions.assertEquals(selected, stored.asString(), path + "?all=" + all);
            }
        }
    }

    /** The sample's inspect-form entry: dev mode shows a daemon's full inspect data, and lists it as a daemon does. */
    @Test
    void theInspectFormEntryIsServedWhole() {
        given().urlEncodingEnabled(false).when().get("/images/acme/api:2.0/json").then().statusCode(200)
                .body("Created", equalTo("2023-05-01T12:00:00.123456789Z"))
                .body("Architecture", equalTo("amd64"))
                .body("Config.ExposedPorts.'8080/tcp'", equalTo(java.util.Map.of()))
                .body("Config.Healthcheck.Retries", equalTo(3))
                .body("GraphDriver.Name", equalTo("overlay2"));
        given().urlEncodingEnabled(false).when().get("/images/json?filter=acme/api").then().statusCode(200)
                .body("Created", contains(1682942400))
                .body("Labels[0].maintainer", equalTo("ops@example.com"))
                .body("Containers", contains(0));
    }
}

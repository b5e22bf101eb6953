package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /images/json} over HTTP, on the contract's test-vector catalog: A (ubuntu:14.04 with a
 * digest), I (untagged parent of T), T (app:1), D (untagged, no children); newest first A, T, D, I.
 */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
class ImagesApiTest {

    static final String A = "sha256:1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8";
    static final String I = "sha256:4e9bdbfd87ba5cbe69f968119af2f2e4531c50fbd0d231cdbbe04f3996583a66";
    static final String T = "sha256:ad6202492125ac3241ab732b4a5e59815cf37e8770b1b0297752cb809107c08b";
    static final String D = "sha256:9de67e0176221a88835fb3465cfac04f3fb0c8fd6d65f6eced13f29065163c82";

    private static ValidatableResponse list(String path, String query) {
        return given().urlEncodingEnabled(false).when().get(path + (query.isEmpty() ? "" : "?" + query)).then();
    }

    /** REST Assured would encode the JSON; the daemon's clients do it this way. */
    static String filters(String json) {
        return "filters=" + java.net.URLEncoder.encode(json, java.nio.charset.StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} filters={1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
        /images/json       | ''                                  | ''            | A,T,D
        /v1.41/images/json | ''                                  | ''            | A,T,D
        /images/json       | ''                                  | all=1         | A,T,D,I
        /v1.23/images/json | ''                                  | all=true      | A,T,D,I
        /images/json       | {"dangling":{"true":true}}          | ''            | D
        /images/json       | {"dangling":{"true":true}}          | all=1         | D
        /v1.24/images/json | {"dangling":["false"]}              | ''            | A,T
        /images/json       | {"reference":{"ubuntu":true}}       | ''            | A
        /images/json       | {"reference":{"ubuntu:14.04":true}} | ''            | A
        /images/json       | {"reference":{"app":true}}          | all=1         | T
        /images/json       | ''                                  | filter=ubuntu | A
        /v1.30/images/json | {"label":{"tier=app":true}}         | ''            | T
        /images/json       | {"label!":{"tier":true}}            | ''            | D
        /images/json       | {"before":{"app:1":true}}           | all=1         | D,I
        /images/json       | {"since":{"9de6":true}}             | ''            | A,T
        /images/json       | {"since":{"sha256:9de6":true}}      | ''            | A,T
        /images/json       | {"before":{"ubuntu:x@sha256:ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3":true}} | all=1 | T,D,I
        /images/json       | {"until":{"1400000300":true}}       | ''            | D
        """)
    void selectsAsTheContractSays(String path, String json, String extra, String expected) {
        String query = String.join("&", List.of(json.isEmpty() ? "" : filters(json), extra)).replaceAll("^&|&$", "");
        List<String> ids = list(path, query).statusCode(200).extract().jsonPath().getList("Id");
        List<String> names = ids.stream().map(ImagesApiTest::name).toList();
        assertEquals(List.of(expected.split(",")), names);
    }

    private static String name(String id) {
        return id.equals(A) ? "A" : id.equals(I) ? "I" : id.equals(T) ? "T" : id.equals(D) ? "D" : id;
    }

    @Test
    void theAnswerIsSortedNewestFirstWithAStableTieBreak() {
        List<Long> created = list("/images/json", "all=1").extract().jsonPath().getList("Created", Long.class);
        assertEquals(List.of(1400000400L, 1400000300L, 1400000200L, 1400000100L), created);
    }

    @Test
    void referenceFilterKeepsOnlyTheMatchingReferences() {
        list("/v1.42/images/json", filters("{\"reference\":{\"ubuntu:14.04\":true}}"))
                .statusCode(200)
                .body("[0].RepoTags", contains("ubuntu:14.04"))
                .body("[0].RepoDigests", nullValue());
        list("/images/json", filters("{\"reference\":{\"ubuntu:14.04\":true}}"))
                .body("[0].RepoDigests", hasSize(0));
        list("/images/json", filters("{\"reference\":{\"ubuntu\":true}}"))
                .body("[0].RepoTags", contains("ubuntu:14.04"))
                .body("[0].RepoDigests", contains(startsWith("ubuntu@sha256:ddf7c1f6")));
    }

    /** Keys in the daemon's order, per version bucket (section 6). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /v1.23/images/json | Created,Id,Labels,ParentId,RepoDigests,RepoTags,Size,VirtualSize
        /v1.24/images/json | Created,Id,Labels,ParentId,RepoDigests,RepoTags,Size,VirtualSize
        /v1.25/images/json | Containers,Created,Id,Labels,ParentId,RepoDigests,RepoTags,SharedSize,Size,VirtualSize
        /v1.43/images/json | Containers,Created,Id,Labels,ParentId,RepoDigests,RepoTags,SharedSize,Size,VirtualSize
        /v1.44/images/json | Containers,Created,Id,Labels,ParentId,RepoDigests,RepoTags,SharedSize,Size
        /v1.51/images/json | Containers,Created,Id,Labels,ParentId,RepoDigests,RepoTags,SharedSize,Size
        /images/json       | Containers,Created,Id,Labels,ParentId,RepoDigests,RepoTags,SharedSize,Size
        """)
    void fieldsFollowTheApiVersion(String path, String keys) {
        String body = list(path, "").statusCode(200).extract().asString();
        String first = body.substring(1, body.indexOf("},{") + 1);
        Matcher key = Pattern.compile("\"([A-Za-z]+)\":").matcher(first.replaceAll("\"Labels\":\\{[^}]*}", "\"Labels\":{}"));
        StringBuilder found = new StringBuilder();
        while (key.find()) {
            found.append(found.length() == 0 ? "" : ",").append(key.group(1));
        }
        assertEquals(keys, found.toString());
    }

    @Test
    void untaggedImagesShowPlaceholdersBefore143() {
        list("/v1.42/images/json", "all=1")
                .body("find { it.Id == '" + D + "' }.RepoTags", contains("<none>:<none>"))
                .body("find { it.Id == '" + D + "' }.RepoDigests", contains("<none>@<none>"))
                .body("find { it.Id == '" + T + "' }.RepoDigests", nullValue())
                .body("find { it.Id == '" + T + "' }.RepoTags", contains("app:1"));
        list("/v1.43/images/json", "all=1")
                .body("find { it.Id == '" + D + "' }.RepoTags", hasSize(0))
                .body("find { it.Id == '" + D + "' }.RepoDigests", hasSize(0))
                .body("find { it.Id == '" + T + "' }.RepoDigests", hasSize(0));
    }

    @Test
    void countsAndSizesFollowTheApiVersion() {
        list("/v1.50/images/json", "")
                .body("find { it.Id == '" + T + "' }.Containers", equalTo(-1))
                .body("find { it.Id == '" + T + "' }.SharedSize", equalTo(-1))
                .body("find { it.Id == '" + T + "' }.Size", equalTo(500));
        list("/v1.51/images/json", "")
                .body("find { it.Id == '" + T + "' }.Containers", equalTo(3))
                .body("find { it.Id == '" + A + "' }.Containers", equalTo(0));
        list("/v1.41/images/json", "")
                .body("find { it.Id == '" + T + "' }.VirtualSize", equalTo(800))
                .body("find { it.Id == '" + A + "' }.VirtualSize", equalTo(1000));
    }

    @Test
    void labelsAreKeptAsGiven() {
        list("/images/json", "all=1")
                .body("find { it.Id == '" + I + "' }.Labels", nullValue())
                .body("find { it.Id == '" + D + "' }.Labels.size()", equalTo(0))
                .body("find { it.Id == '" + A + "' }.Labels.tier", equalTo("base"));
    }

    @Test
    void anEmptyAnswerIsAnEmptyArray() {
        String body = list("/images/json", filters("{\"label\":[\"nothing\"]}")).statusCode(200)
                .header("Content-Type", "application/json").extract().asString();
        assertEquals("[]\n", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/json", "/v1.23/images/json", "/v1.41/images/json"})
    void answersCarryTheDockerHeaders(String path) {
        list(path, "").statusCode(200)
                .header("Content-Type", "application/json")
                .header("Api-Version", "1.51")
                .header("Docker-Experimental", "false")
                .header("Ostype", "linux")
                .header("Server", startsWith("image-catalog/"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
        filters={"nope":{"x":true}}            | 400 | invalid filter 'nope'
        filters=oops                           | 400 | invalid filter
        filters={"dangling":["maybe"]}         | 400 | invalid filter 'dangling=[maybe]'
        filters={"until":["soon"]}             | 400 | invalid value for 'until' filter: "soon": not a time, a Unix timestamp or a duration
        filters={"reference":["ubuntu["]}      | 400 | syntax error in pattern
        filters={"before":["not valid"]}       | 400 | invalid reference format
        filters={"since":["UPPER"]}            | 400 | invalid reference format: repository name (library/UPPER) must be lowercase
        filters={"before":{"zzz":true}}        | 404 | No such image: zzz:latest
        filters={"since":["docker.io/a/b:c"]}  | 404 | No such image: a/b:c
        filters={"since":["zzz"],"until":["x"]} | 400 | invalid value for 'until' filter: "x": not a time, a Unix timestamp or a duration
        filters={"before":["zzz"],"until":["x"]} | 404 | No such image: zzz:latest
        filters={"reference":["["],"before":["zzz"]} | 404 | No such image: zzz:latest
        filters={"reference":["["],"until":["x"]} | 400 | invalid value for 'until' filter: "x": not a time, a Unix timestamp or a duration
        filters={"dangling":["x"],"before":["zzz"]} | 400 | invalid filter 'dangling=[x]'
        """)
    void errorsAreDockerMessages(String query, int status, String message) { // two bad filters: the first in the daemon's order
        int eq = query.indexOf('=');
        String encoded = query.startsWith("filters={") ? filters(query.substring(eq + 1)) : query;
        for (String path : List.of("/images/json", "/v1.23/images/json", "/v1.51/images/json")) {
            list(path, encoded).statusCode(status)
                    .header("Content-Type", "application/json")
                    .header("Api-Version", "1.51")
                    .body("message", equalTo(message))
                    .body("size()", equalTo(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /v1.12/images/json | client version 1.12 is too old. Minimum supported API version is 1.23, please upgrade your client to a newer version
        /v1.22/images/json | client version 1.22 is too old. Minimum supported API version is 1.23, please upgrade your client to a newer version
        /v1.9/images/json  | client version 1.9 is too old. Minimum supported API version is 1.23, please upgrade your client to a newer version
        /v1.52/images/json | client version 1.52 is too new. Maximum supported API version is 1.51
        /v1.99/images/json | client version 1.99 is too new. Maximum supported API version is 1.51
        /v2/_ping          | client version 2 is too new. Maximum supported API version is 1.51
        /v1.99999999999999999999/images/json | client version 1.99999999999999999999 is too new. Maximum supported API version is 1.51
        /v99999999999999999999.1/_ping       | client version 99999999999999999999.1 is too new. Maximum supported API version is 1.51
        /v1.3000000000/images/json           | client version 1.3000000000 is too new. Maximum supported API version is 1.51
        """)
    void versionsOutOfRangeAreRefused(String path, String message) {
        given().when().get(path).then().statusCode(400)
                .header("Content-Type", "application/json")
                .body("message", equalTo(message));
    }

    /** HTTP clients refuse to send such a URL, so it goes over a plain socket. */
    @ParameterizedTest
    @ValueSource(strings = {"filter=%4", "filters=%zz", "all=%"})
    void badPercentEncodingIsABadRequestNotACrash(String query) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET /images/json?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
        list("/images/json", "").statusCode(200); // and the server is still there
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI uri;

    @Test
    void unknownParametersAndDigestsAreIgnored() {
        List<String> plain = list("/images/json", "").extract().jsonPath().getList("Id");
        List<String> extra = list("/images/json", "digests=1&shared-size=1&whatever=x").statusCode(200)
                .extract().jsonPath().getList("Id");
        assertEquals(plain, extra);
        list("/images/json", "shared-size=1").body("SharedSize", not(hasSize(0))).body("SharedSize[0]", equalTo(-1));
    }
}

package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.http.RawHttp;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /images/{name}/json} over HTTP (section 10 of the contract), on the test-vector catalog:
 * A (ubuntu:14.04 with a digest, labels tier=base and os=ubuntu, Size 1000), I (untagged parent of T),
 * T (app:1, Size 500, VirtualSize 800), D (untagged). Run on both forms of that catalog by the subclasses.
 */
abstract class InspectApiContract {

    static final String A = "sha256:1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8";
    static final String T = "sha256:ad6202492125ac3241ab732b4a5e59815cf37e8770b1b0297752cb809107c08b";
    static final String A_DIGEST = "sha256:ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3";
    static final List<String> CONFIG_1_50 = List.of("Cmd", "Entrypoint", "Env", "Labels", "OnBuild", "User", "Volumes", "WorkingDir");
    static final List<String> CONTAINER_ONLY = List.of("AttachStderr", "AttachStdin", "AttachStdout", "Domainname",
            "Hostname", "Image", "OpenStdin", "StdinOnce", "Tty");

    /** The inspect form gives more than a list-form entry: its own keys beyond the zero values. */
    abstract boolean inspectForm();

    static ValidatableResponse get(String target) {
        return given().urlEncodingEnabled(false).redirects().follow(false).when().get(target).then();
    }

    static JsonNode json(String target) throws Exception {
        return new ObjectMapper().readTree(get(target).statusCode(200).extract().asByteArray());
    }

    static String query(String key, String json) {
        return key + "=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Test
    void byTagWithTheListFields() throws Exception {
        get("/images/ubuntu:14.04/json").statusCode(200)
                .contentType("application/json")
                .header("Api-Version", "1.51").header("Docker-Experimental", "false").header("Ostype", "linux")
                .header("Server", startsWith("image-catalog/")).header("ETag", notNullValue())
                .body("Id", equalTo(A))
                .body("RepoTags", equalTo(List.of("ubuntu:14.04")))
                .body("RepoDigests", equalTo(List.of("ubuntu@" + A_DIGEST)))
                .body("Created", matchesPattern("2014-05-13T17:00:00(\\.\\d+)?Z"))
                .body("Config.Labels", equalTo(Map.of("tier", "base", "os", "ubuntu")))
                .body("Size", equalTo(1000))
                .body("Parent", equalTo(""))
                .body("Os", equalTo("linux"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/images/docker.io/library/ubuntu:14.04/json", "/images/library/ubuntu:14.04/json",
        "/images/ubuntu@" + A_DIGEST + "/json", "/images/ubuntu%40" + A_DIGEST + "/json",
        "/images/ubuntu:whatever@" + A_DIGEST + "/json", "/images/ubuntu%3A14.04/json",
        "/images/docker.io%2Flibrary%2Fubuntu:14.04/json", "/images/1139fe385daf/json",
        "/images/sha256:1139fe385daf/json", "/images/" + A + "/json", "/v1.41/images/ubuntu:14.04/json",
        "/v1.23/images/1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8/json"})
    void everyNameOfAResolvesToA(String target) {
        get(target).statusCode(200).body("Id", equalTo(A));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/ubuntu/json|No such image: ubuntu:latest", "/images/zzz/json|No such image: zzz:latest",
        "/images/json/json|No such image: json:latest", "/v1.51/images/app:2/json|No such image: app:2",
        "/images/sha256:1139fe385dab/json|No such image: sha256:1139fe385dab",
        "/images/localhost:5000/test/busybox:latest/json|No such image: localhost:5000/test/busybox:latest",
        "/images/" + A_DIGEST + "/json|No such image: " + A_DIGEST})
    void unknownNamesAre404InFamiliarForm(String row) {
        String[] parts = row.split("\\|");
        get(parts[0]).statusCode(404).contentType("application/json").header("Api-Version", "1.51")
                .body("message", equalTo(parts[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/images/UPPER/json|invalid reference format: repository name (library/UPPER) must be lowercase",
        "/images/ubuntu@sha256:abc/json|invalid reference format",
        "/images/ubuntu@sha256:0123456789abcdef0123456789abcdef01234567/json|invalid checksum digest length",
        "/images/ubuntu@sha256:DDF7C1F61A622310F266528A909C0C9F126AC7DDB4E5536BD1FD405F4214A2E3/json|invalid checksum digest format",
        "/images/ubuntu@md5:0123456789abcdef0123456789abcdef/json|unsupported digest algorithm",
        "/images/a%20b/json|invalid reference format"})
    void malformedNamesAre400(String row) {
        String[] parts = row.split("\\|");
        get(parts[0]).statusCode(400).contentType("application/json").body("message", equalTo(parts[1]));
    }

    @Test
    void aNameOver255CharactersIs400() {
        // library/ counts: 248 characters of name make a path of 256.
        get("/images/" + "a".repeat(248) + ":1/json").statusCode(400)
                .body("message", equalTo("repository name must not be more than 255 characters"));
        get("/images/" + "a".repeat(247) + ":1/json").statusCode(404);
    }

    @Test
    void versionsShapeTheAnswer() throws Exception {
        JsonNode v143 = json("/v1.43/images/app:1/json");
        assertEquals(800, v143.get("VirtualSize").asInt());
        assertTrue(v143.has("Container") && v143.has("ContainerConfig"));
        JsonNode v144 = json("/v1.44/images/app:1/json");
        assertFalse(v144.has("VirtualSize"), "1.44: no VirtualSize");
        assertTrue(v144.has("Container") && v144.has("ContainerConfig"));
        JsonNode v145 = json("/v1.45/images/app:1/json");
        assertFalse(v145.has("Container") || v145.has("ContainerConfig"), "1.45: no Container, ContainerConfig");
        for (String version : List.of("1.23", "1.44", "1.49")) {
            JsonNode config = json("/v" + version + "/images/app:1/json").get("Config");
            for (String key : CONTAINER_ONLY) {
                assertTrue(config.has(key), version + " Config has " + key);
            }
        }
        for (String target : List.of("/v1.50/images/app:1/json", "/images/app:1/json")) {
            JsonNode config = json(target).get("Config");
            assertEquals(CONFIG_1_50, keys(config), target + ": the 8 keys of an image's config");
        }
    }

    @Test
    void aFullIdAt150KeepsSetKeysButNoContainerKeys() throws Exception {
        JsonNode config = json("/v1.50/images/ubuntu:14.04/json").get("Config");
        assertTrue(keys(config).containsAll(CONFIG_1_50), keys(config).toString());
        for (String key : CONTAINER_ONLY) {
            assertFalse(config.has(key), key);
        }
    }

    @Test
    void keysAreInAlphabeticalOrderAtEveryLevel() throws Exception {
        for (String target : List.of("/v1.23/images/ubuntu:14.04/json", "/v1.44/images/app:1/json", "/images/ubuntu:14.04/json",
                "/v1.48/images/ubuntu:14.04/json")) {
            assertSortedEverywhere(json(target), target);
        }
    }

    private static void assertSortedEverywhere(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> keys = keys(node);
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys, where);
            keys.forEach(key -> assertSortedEverywhere(node.get(key), where + "." + key));
        } else if (node.isArray()) {
            node.forEach(item -> assertSortedEverywhere(item, where + "[]"));
        }
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }

    @Test
    void theSameDataAsListImages() throws Exception {
        JsonNode listed = new ObjectMapper().readTree(get("/v1.43/images/json?all=1").statusCode(200).extract().asByteArray());
        for (JsonNode image : listed) {
            JsonNode inspected = json("/v1.43/images/" + image.get("Id").asText() + "/json");
            assertEquals(image.get("Id"), inspected.get("Id"));
            assertEquals(image.get("ParentId").asText(), inspected.get("Parent").asText());
            assertEquals(image.get("Size"), inspected.get("Size"));
            assertEquals(image.get("VirtualSize"), inspected.get("VirtualSize"));
            assertEquals(image.get("Labels"), inspected.get("Config").get("Labels"));
            assertEquals(image.get("Created").asLong(),
                    java.time.OffsetDateTime.parse(inspected.get("Created").asText()).toEpochSecond());
            for (String list : List.of("RepoTags", "RepoDigests")) {
                JsonNode listedRefs = image.get(list);
                List<String> expected = new ArrayList<>();
                if (listedRefs.isArray()) {
                    listedRefs.forEach(ref -> expected.add(ref.asText()));
                }
                expected.removeIf(ref -> ref.startsWith("<none>"));
                List<String> actual = new ArrayList<>();
                inspected.get(list).forEach(ref -> actual.add(ref.asText()));
                assertEquals(expected, actual, list + " of " + image.get("Id"));
            }
        }
    }

    @Test
    void platformIsReadFrom149() {
        String amd64 = query("platform", "{\"os\":\"linux\",\"architecture\":\"amd64\"}");
        String riscv = query("platform", "{\"os\":\"linux\",\"architecture\":\"riscv64\"}");
        get("/v1.49/images/ubuntu:14.04/json?" + amd64).statusCode(200).body("Id", equalTo(A));
        get("/v1.48/images/ubuntu:14.04/json?" + riscv).statusCode(200).body("Id", equalTo(A));
        get("/v1.49/images/ubuntu:14.04/json?" + query("platform", "{\"os\":\"linux\",\"architecture\":\"x86_64\"}"))
                .statusCode(200);
        if (inspectForm()) {
            get("/images/ubuntu:14.04/json?" + riscv).statusCode(404).body("message", equalTo(
                    "image with reference ubuntu:14.04 was found but its platform (linux/amd64) does not match the specified platform (linux/riscv64)"));
        } else {
            get("/images/ubuntu:14.04/json?" + riscv).statusCode(200); // no architecture known: never a mismatch
        }
    }

    @Test
    void platformAndManifestsErrors() {
        get("/images/ubuntu:14.04/json?platform=oops").statusCode(400).body("message", startsWith("failed to parse platform: "));
        get("/images/ubuntu:14.04/json?" + query("platform", "{\"os\":\"linux\"}")).statusCode(400)
                .body("message", equalTo("both OS and Architecture must be provided"));
        get("/images/ubuntu:14.04/json?manifests=1&" + query("platform", "{\"os\":\"linux\",\"architecture\":\"amd64\"}"))
                .statusCode(400).body("message", equalTo("conflicting options: manifests and platform options cannot both be set"));
        get("/v1.47/images/ubuntu:14.04/json?manifests=1&platform=oops").statusCode(200);
        get("/images/zzz/json?platform=oops").statusCode(400).body("message", startsWith("failed to parse platform: "));
    }

    @Test
    void entityTagsAnswer304() {
        String etag = get("/images/ubuntu:14.04/json").statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).urlEncodingEnabled(false).when().get("/images/ubuntu:14.04/json")
                .then().statusCode(304).body(emptyString());
        given().header("If-None-Match", etag).urlEncodingEnabled(false).when().get("/v1.43/images/ubuntu:14.04/json")
                .then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//images/json|/images/json", "/images/./json|/images/json", "/images//json|/images/json",
        "/v1.41/images//json?all=1|/v1.41/images/json?all=1", "/images/ubuntu:14.04/../app:1/json|/images/app:1/json",
        "/images//ubuntu:14.04/json|/images/ubuntu:14.04/json", "/_ping/./|/_ping/", "/images/a%2F%2Fb/json|/images/a/b/json",
        "/images/a%20b/./json?x=1|/images/a%20b/json?x=1", "/../images/json|/images/json", "//|/"})
    void uncleanPathsMovePermanently(String row) throws Exception {
        String[] parts = row.split("\\|");
        // Raw: an HTTP client library would clean the path itself before sending it.
        RawHttp.Answer answer = new RawHttp("localhost", RestAssured.port).get(parts[0]);
        assertEquals(301, answer.status(), answer.toString());
        assertEquals(parts[1], answer.header("Location"));
        assertEquals(0, answer.body().length);
        assertEquals("1.51", answer.header("Api-Version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/json/", "/images/ubuntu:14.04/json/", "/images/ubuntu:14.04/JSON", "/images/ubuntu:14.04",
        "/images/inspect", "/images/", "/v1.41/images/inspect"})
    void otherPathsArePageNotFound(String target) {
        get(target).statusCode(404).body("message", equalTo("page not found"));
    }

    @Test
    void onlyGet() {
        given().when().head("/images/ubuntu:14.04/json").then().statusCode(404);
        given().when().post("/images/ubuntu:14.04/json").then().statusCode(404).body("message", equalTo("page not found"));
    }
}

package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a daemon that holds only the catalog's images answers for containers, volumes and networks
 * (issue 24): empty lists after the daemon's own checks of their parameters, in its words; its 404s
 * for one object; its three predefined networks.
 */
@QuarkusTest
class DaemonObjectsApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/containers/json", "/v1.23/containers/json", "/v1.41/containers/json?all=1&size=1&limit=5",
        "/containers/json?filters=%7B%22status%22%3A%7B%22running%22%3Atrue%7D%7D",
        "/containers/json?filters=%7B%22ancestor%22%3A%5B%22nothing%3Ahere%22%5D%7D",
        "/containers/json?filters=%7B%22publish%22%3A%5B%2280%2Ftcp%22%2C%228000-8080%22%5D%7D",
        "/containers/json?filters=%7B%22is-task%22%3A%5B%22true%22%5D%2C%22exited%22%3A%5B%22-1%22%5D%7D"})
    void noContainersIsAnEmptyList(String target) {
        Response answer = given().urlEncodingEnabled(false).when().get(target);
        answer.then().statusCode(200).header("Content-Type", "application/json").header("Api-Version", "1.51");
        assertEquals("[]\n", answer.asString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "filters=oops|400|invalid filter",
        "filters={\"nope\":[\"x\"]}|400|invalid filter 'nope'",
        "filters={\"exited\":[\"abc\"]}|400|invalid filter 'exited=abc': strconv.Atoi: parsing \"abc\": invalid syntax",
        "filters={\"status\":[\"sleeping\"]}|400|invalid filter 'status=sleeping': invalid value for state (sleeping): must be one of created, running, paused, restarting, removing, exited, dead",
        "filters={\"health\":[\"sick\"]}|400|invalid filter 'health=sick': invalid value for health (sick): must be one of none, starting, healthy, unhealthy",
        "filters={\"is-task\":[\"maybe\"]}|400|invalid filter 'is-task=[maybe]'",
        "filters={\"before\":[\"web\"]}|404|No such container: web",
        "filters={\"since\":[\"0123abc\"]}|404|No such container: 0123abc",
        "filters={\"publish\":[\"80:80\"]}|400|filter for 'publish' should not contain ':': 80:80",
        "filters={\"expose\":[\"90-80\"]}|400|error while looking up for expose 90-80: invalid range specified for port: 90-80",
        "filters={\"expose\":[\"http\"]}|400|error while looking up for expose http: strconv.ParseUint: parsing \"http\": invalid syntax",
        "filters={\"publish\":[\"70000\"]}|400|error while looking up for publish 70000: strconv.ParseUint: parsing \"70000\": value out of range",
        "limit=ten|400|strconv.Atoi: parsing \"ten\": invalid syntax"})
    void containerListParametersAreCheckedAsTheDaemonChecksThem(String query, int status, String message) {
        given().queryParam(query.substring(0, query.indexOf('=')), query.substring(query.indexOf('=') + 1))
                .when().get("/containers/json").then().statusCode(status)
                .header("Content-Type", "application/json")
                .body("message", equalTo(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "top", "stats", "changes", "export", "attach/ws", "logs?stdout=1", "archive?path=/etc"})
    void noContainerIsFound(String part) {
        given().urlEncodingEnabled(false).when().get("/v1.45/containers/web-1/" + part).then().statusCode(404)
                .header("Content-Type", "application/json")
                .body("message", equalTo("No such container: web-1"));
    }

    @Test
    void aContainersRoutesCheckTheirParametersBeforeLookingItUp() {
        given().when().get("/containers/web/logs").then().statusCode(400)
                .body("message", equalTo("Bad parameters: you must choose at least one stream"));
        given().when().get("/containers/web/archive").then().statusCode(400)
                .body("message", equalTo("bad parameter: pathcannot be empty"));
        given().when().head("/containers/web/archive?path=/").then().statusCode(404);
        given().when().get("/exec/abc123/json").then().statusCode(404)
                .body("message", equalTo("No such exec instance: abc123"));
    }

    @Test
    void noVolumesIsAnEmptyListWithoutWarnings() {
        Response answer = given().queryParam("filters", "{\"dangling\":[\"true\"],\"driver\":[\"local\"]}").when().get("/volumes");
        answer.then().statusCode(200).header("Content-Type", "application/json");
        assertEquals("{\"Volumes\":[],\"Warnings\":null}\n", answer.asString());
        given().when().get("/v1.24/volumes/data").then().statusCode(404).body("message", equalTo("get data: no such volume"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "oops|error reading volume filters: invalid filter",
        "{\"label!\":[\"a\"]}|invalid filter 'label!'",
        "{\"dangling\":[\"yes\"]}|invalid filter 'dangling=[yes]'",
        "{\"dangling\":[\"true\",\"false\"]}|invalid filter 'dangling=[false true]'"})
    void volumeFiltersAreCheckedAsTheDaemonChecksThem(String filters, String message) {
        given().queryParam("filters", filters).when().get("/volumes").then().statusCode(400).body("message", equalTo(message));
    }

    @Test
    void theDaemonsOwnNetworksAreListedAndFound() {
        given().when().get("/networks").then().statusCode(200)
                .body("Name", equalTo(List.of("bridge", "host", "none")))
                .body("Driver", equalTo(List.of("bridge", "host", "null")))
                .body("Scope", equalTo(List.of("local", "local", "local")))
                .body("[0].IPAM.Config[0].Subnet", equalTo("172.17.0.0/16"))
                .body("[0].Options.'com.docker.network.bridge.name'", equalTo("docker0"))
                .body("[1].Containers.size()", equalTo(0));
        String id = given().when().get("/networks/bridge").then().statusCode(200).extract().path("Id");
        assertEquals(64, id.length());
        given().when().get("/v1.41/networks/" + id).then().statusCode(200).body("Name", equalTo("bridge"));
        given().when().get("/networks/" + id.substring(0, 12)).then().statusCode(200).body("Name", equalTo("bridge"));
        given().when().get("/networks/frontend").then().statusCode(404).body("message", equalTo("network frontend not found"));
    }

    /** moby's getNetwork: verbose is one of Go's booleans; a scope other than local finds no local network. */
    @Test
    void oneNetworkChecksVerboseAndScope() {
        given().when().get("/networks/host?verbose=true&scope=local").then().statusCode(200).body("Name", equalTo("host"));
        given().when().get("/networks/host?verbose=F").then().statusCode(200).body("Name", equalTo("host"));
        given().when().get("/networks/host?verbose=x").then().statusCode(400)
                .body("message", equalTo("invalid value for verbose: x: strconv.ParseBool: parsing \"x\": invalid syntax"));
        given().when().get("/networks/host?verbose=yes").then().statusCode(400);
        given().when().get("/networks/host?scope=swarm").then().statusCode(404).body("message", equalTo("network host not found"));
        given().when().get("/networks/host?scope=global").then().statusCode(404);
    }

    /** A name in the path is decoded once, as the daemon's router decodes it, bare or versioned. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        /networks/br%2569dge         | network br%69dge not found
        /v1.41/networks/br%2569dge   | network br%69dge not found
        /containers/a%2525b/json     | No such container: a%25b
        /v1.41/containers/a%25/json  | No such container: a%
        /containers/a%3Bb/json       | No such container: a;b
        /containers/a;b/json         | No such container: a;b
        /containers/%C3%A9t%C3%A9/json | No such container: été
        """)
    void aNameInThePathIsDecodedOnce(String target, String message) throws java.io.IOException {
        dev.imagecatalog.http.RawHttp.Answer answer = new dev.imagecatalog.http.RawHttp("localhost", io.restassured.RestAssured.port).get(target);
        assertEquals(404, answer.status(), answer.toString());
        assertEquals("{\"message\":\"" + message + "\"}\n", answer.text(), answer.toString());
    }

    /** Created when the daemon started, not at the first request (this test JVM is the service's process). */
    @Test
    void theNetworksWereCreatedWhenTheServiceStarted() {
        java.time.Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        String created = given().when().get("/networks/none").then().statusCode(200).extract().path("Created");
        java.time.Duration off = java.time.Duration.between(started, java.time.Instant.parse(created)).abs();
        assertTrue(off.toMillis() < 1000, created + " against the process's start " + started);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":[\"builtin\"]}|3",
        "{\"type\":[\"custom\"]}|0",
        "{\"dangling\":[\"true\"]}|0",
        "{\"dangling\":[\"0\"]}|3",
        "{\"driver\":[\"null\"]}|1",
        "{\"name\":[\"^b\"]}|1",
        "{\"name\":[\"o\"]}|2",
        "{\"name\":[\"(a+)+$\"]}|0",
        "{\"label\":[\"a\"]}|0",
        "{\"scope\":[\"swarm\"]}|0",
        "{\"scope\":[\"local\"],\"driver\":[\"host\",\"bridge\"]}|2"})
    void networkFiltersSelectAsTheDaemons(String filters, int count) {
        given().queryParam("filters", filters).when().get("/networks").then().statusCode(200).body("$", hasSize(count));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"nope\":[\"a\"]}|invalid filter 'nope'",
        "{\"type\":[\"other\"]}|invalid filter: 'type'='other'",
        "{\"dangling\":[\"maybe\"]}|invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")",
        "{\"dangling\":[\"true\",\"false\"]}|got more than one value for filter key \"dangling\""})
    void networkFiltersAreCheckedAsTheDaemonChecksThem(String filters, String message) {
        given().queryParam("filters", filters).when().get("/networks").then().statusCode(400)
                .header("Api-Version", "1.51").body("message", equalTo(message));
    }

    @Test
    void aVersionOutOfRangeIsRefusedOnTheseRoutesToo() {
        given().when().get("/v1.12/containers/json").then().statusCode(400).body("message", startsWith("client version 1.12 is too old"));
    }
}

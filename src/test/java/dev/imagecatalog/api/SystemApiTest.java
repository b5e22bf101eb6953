package dev.imagecatalog.api;

import dev.imagecatalog.api.json.ApiVersion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The daemon plumbing that clients rely on before listing: ping, version, headers, unknown routes. */
@QuarkusTest
class SystemApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/_ping", "/v1.41/_ping", "/v1.51/_ping"})
    void pingAnswersOk(String path) {
        io.restassured.response.Response get = given().when().get(path);
        // HTTP allows a list header as one line or several; the Lambda form sends several.
        assertEquals("no-cache, no-store, must-revalidate", String.join(", ", get.headers().getValues("Cache-Control")));
        get.then().statusCode(200)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Pragma", "no-cache")
                .header("Swarm", "inactive")
                .header("Api-Version", "1.51")
                .body(equalTo("OK"));
        given().when().head(path).then().statusCode(200)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Api-Version", "1.51")
                .header("Swarm", "inactive")
                .body(emptyString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/version", "/v1.24/version"})
    void versionDescribesTheEngine(String path) {
        given().when().get(path).then().statusCode(200)
                .header("Content-Type", "application/json")
                .header("Server", startsWith("image-catalog/"))
                .body("ApiVersion", equalTo("1.51"))
                .body("MinAPIVersion", equalTo("1.23"))
                .body("Os", equalTo("linux"))
                .body("Arch", not(emptyString()))
                .body("Version", not(emptyString()))
                .body("GoVersion", startsWith("java"))
                .body("Components[0].Name", equalTo("Engine"))
                .body("Components[0].Details.ApiVersion", equalTo("1.51"))
                .body("Platform.Name", startsWith("image-catalog"));
    }

    /** The engine's {@code Details} is a Go map in the daemon: every key, in key order. */
    @Test
    void versionIsWrittenAsTheDaemonMarshalsIt() {
        String body = given().when().get("/version").then().statusCode(200).extract().asString();
        String details = body.substring(body.indexOf("\"Details\":{"), body.indexOf('}', body.indexOf("\"Details\":{")));
        List<String> keys = new ArrayList<>();
        Matcher key = Pattern.compile("\"(\\w+)\":\"").matcher(details);
        while (key.find()) {
            keys.add(key.group(1));
        }
        assertEquals(List.of("ApiVersion", "Arch", "BuildTime", "Experimental", "GitCommit", "GoVersion",
                "KernelVersion", "MinAPIVersion", "Os"), keys);
        given().when().get("/version").then()
                .body("Components[0].Details.Experimental", equalTo("false"))
                .body("$", hasKey("BuildTime")) // the contract's list (section 2)
                .body("$", hasKey("KernelVersion"))
                .body("$", not(hasKey("Experimental"))); // omitempty, and false
        String top = body.substring(body.indexOf("]") + 1);
        assertTrue(top.indexOf("\"Version\"") < top.indexOf("\"ApiVersion\"")
                && top.indexOf("\"ApiVersion\"") < top.indexOf("\"MinAPIVersion\"")
                && top.indexOf("\"GoVersion\"") < top.indexOf("\"Os\"")
                && top.indexOf("\"Os\"") < top.indexOf("\"Arch\""), top);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/v1.41/nope", "/images", "/images/json/extra", "/v1.41", "/vabc/images/json", "/plugins",
        "/v1.99/nope", "/v1.22/nope", "/v9/plugins", "/v1.99/images/json/", "/info;x", "/version;a=b", "/images/json;x", "/v1.41/images/json;x", "/_ping;x", "/containers/json;x", "/system/df;x",
        "/q/health", "/q/health/ready", "/q/metrics", "/v1.41/q/health"})
    void unknownRoutesAreDockerNotFound(String path) {
        given().when().get(path).then().statusCode(404)
                .header("Content-Type", "application/json")
                .body("message", equalTo("page not found"));
    }

    /**
     * The daemon's router matches the decoded path: an escaped slash or letter is the same route, and an
     * escaped ';' or '?' is a character of a path that names no route.
     */
    @ParameterizedTest
    @CsvSource({"/images%2Fjson,200", "/images%2fjson,200", "/v1.41%2Fimages%2Fjson,200",
        "/%69mages/json,200", "/system%2Fdf,200", "/containers%2Fjson,200", "/%5Fping,200", "/info%3Bx,404", "/volumes%3Fx,404",
        "/info%3Bx/..,301"})
    void pathsAreRoutedDecoded(String target, int status) throws IOException {
        RawHttp.Answer answer = new RawHttp("localhost", RestAssured.port).get(target);
        assertEquals(status, answer.status(), answer.toString());
        assertEquals("1.51", answer.header("Api-Version"), answer.toString());
        if (status == 404) {
            assertEquals("{\"message\":\"page not found\"}\n", answer.text(), answer.toString());
        }
    }

    /**
     * A request target that is no path (the asterisk form) names no route either. (Not in the Lambda form:
     * API Gateway delivers no such target, and the test's mock event server answers it itself.)
     */
    @Test
    @DisabledIfSystemProperty(named = "serving.form", matches = "lambda")
    void anAsteriskTargetIsPageNotFound() throws IOException {
        RawHttp.Answer answer = new RawHttp("localhost", RestAssured.port).get("*");
        assertEquals(404, answer.status(), answer.toString());
        assertEquals("{\"message\":\"page not found\"}\n", answer.text(), answer.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/json", "/v1.41/images/json", "/_ping", "/version"})
    void otherMethodsAreDockerNotFound(String path) {
        // (DELETE /images/json is the daemon's image remove of an image named json: refused, ReadOnlyApiTest)
        for (String method : path.contains("/images/") ? new String[] {"POST", "PUT", "PATCH"} : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            given().when().request(method, path).then().statusCode(404)
                    .header("Content-Type", "application/json")
                    .body("message", equalTo("page not found"));
            // No route, whatever the version: the daemon checks versions in its routes' middleware.
            given().when().request(method, "/v1.99" + path.replaceFirst("^/v1\\.41", "")).then().statusCode(404)
                    .body("message", equalTo("page not found"));
        }
    }
}

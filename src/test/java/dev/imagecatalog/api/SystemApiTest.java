package dev.imagecatalog.api;

import dev.imagecatalog.api.json.ApiVersion;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
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

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/v1.41/nope", "/images", "/images/json/extra", "/v1.41", "/vabc/images/json", "/plugins",
        "/q/health", "/q/health/ready", "/q/metrics", "/v1.41/q/health"})
    void unknownRoutesAreDockerNotFound(String path) {
        given().when().get(path).then().statusCode(404)
                .header("Content-Type", "application/json")
                .body("message", equalTo("page not found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/json", "/v1.41/images/json", "/_ping", "/version"})
    void otherMethodsAreDockerNotFound(String path) {
        // (DELETE /images/json is the daemon's image remove of an image named json: refused, ReadOnlyApiTest)
        for (String method : path.contains("/images/") ? new String[] {"POST", "PUT", "PATCH"} : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            given().when().request(method, path).then().statusCode(404)
                    .header("Content-Type", "application/json")
                    .body("message", equalTo("page not found"));
        }
    }
}

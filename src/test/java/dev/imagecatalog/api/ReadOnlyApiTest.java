package dev.imagecatalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route of the daemon that changes something is refused as an authorization plugin refuses a
 * call: 403, one line that names the operation and says the catalog is read-only (issue 24).
 */
@QuarkusTest
class ReadOnlyApiTest {

    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POST|/images/create?fromImage=ubuntu&tag=22.04|image pull",
        "POST|/v1.51/images/load|image load",
        "POST|/images/prune|image prune",
        "POST|/images/localhost:5000/app:1/push|image push",
        "POST|/images/ubuntu:22.04/tag?repo=mine&tag=1|image tag",
        "DELETE|/images/ubuntu:22.04|image remove",
        "DELETE|/v1.41/images/sha256:abc|image remove",
        "POST|/containers/create?name=web|container create",
        "POST|/containers/web/start|container start",
        "POST|/containers/web/kill|container kill",
        "POST|/containers/prune|container prune",
        "DELETE|/containers/web|container remove",
        "PUT|/containers/web/archive?path=/|container copy",
        "POST|/containers/web/exec|container exec",
        "POST|/exec/abc/start|exec start",
        "POST|/commit?container=web|container commit",
        "POST|/build|image build",
        "POST|/build/prune|builder prune",
        "POST|/volumes/create|volume create",
        "DELETE|/volumes/data|volume remove",
        "POST|/networks/create|network create",
        "POST|/networks/bridge/connect|network connect",
        "DELETE|/networks/bridge|network remove",
        "POST|/auth|login",
        "POST|/plugins/pull|plugin install",
        "POST|/swarm/init|swarm init",
        "POST|/services/create|service create",
        "DELETE|/secrets/abc|secret remove",
        "POST|/v1.12/images/create|image pull"})
    void everyWriteRouteIsRefusedNamingItsOperation(String method, String target, String operation) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String rest = path.replaceFirst("^/v[0-9.]+/", "/");
        given().urlEncodingEnabled(false).when().request(method, target).then().statusCode(403)
                .header("Content-Type", "application/json")
                .header("Api-Version", "1.51")
                .body("message", equalTo("authorization denied by plugin image-catalog: " + operation + " (" + method + " " + rest
                        + ") is refused: the image catalog is read-only"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"POST|/nope", "POST|/images/json", "PUT|/images/ubuntu/tag", "POST|/containers/json",
        "GET|/images/create", "PATCH|/containers/web", "POST|/info"})
    void aPathNoDaemonServesStaysNotFound(String method, String path) {
        given().when().request(method, path).then().statusCode(404).body("message", equalTo("page not found"));
    }

    @Test
    @DisabledIfSystemProperty(named = "serving.form", matches = "lambda") // (API Gateway holds the connection there)
    void aRefusedWriteWithABodyEndsTheConnectionWithoutReadingIt() throws Exception {
        RawHttp http = new RawHttp(base.getHost(), base.getPort());
        // A build context announced at 100 MB, of which nothing is sent: the refusal comes at once and the connection ends.
        byte[] request = ("POST /v1.51/build?t=app HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-tar\r\nContent-Length: 100000000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer answer = http.exchange(request);
        assertEquals(403, answer.status(), answer.toString());
        assertEquals("close", answer.header("Connection"));
        assertTrue(answer.text().contains("image build (POST /build) is refused: the image catalog is read-only"), answer.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images//create", "/v1.41/images/./create"})
    void anUncleanWritePathIsMovedFirstAsTheDaemonsRouterDoes(String path) {
        given().redirects().follow(false).when().post(path).then().statusCode(301);
    }
}

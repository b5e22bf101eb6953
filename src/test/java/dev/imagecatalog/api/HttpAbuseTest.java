package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.AnswerRules;
import dev.imagecatalog.http.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile or broken client meets at the HTTP layer: clean 4xx answers (JSON wherever our
 * code can still answer), the limits of application.properties, nothing but the API, and a server
 * that goes on serving. Not in the Lambda form, where API Gateway stands in front instead.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda")
class HttpAbuseTest {

    protected RawHttp http() {
        return new RawHttp("localhost", RestAssured.port);
    }

    @AfterEach
    void theServerStillAnswers() throws IOException {
        assertEquals(200, http().get("/_ping").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/%zz/json", "/images/json%zz", "/%zz", "/v1.4%zz/images/json", "/images/json%",
            "/images/json%4", "/images/json?all=%zz", "/images/json?all=%"})
    void aBrokenEscapeIsNamed(String target) throws IOException {
        RawHttp.Answer answer = http().get(target);
        AnswerRules.assertClientError(target, answer);
        assertEquals(400, answer.status());
        assertTrue(answer.text().startsWith("{\"message\":\"invalid URL escape \\\"%"), answer.toString());
    }

    @Test
    void rawBracesAndQuotesInTheQueryAreTakenAsTheDaemonTakesThem() throws IOException {
        RawHttp.Answer raw = http().get("/images/json?filters={\"label\":[\"tier=base\"]}");
        RawHttp.Answer encoded = http().get("/images/json?filters=%7B%22label%22%3A%5B%22tier%3Dbase%22%5D%7D");
        assertEquals(200, raw.status(), raw.toString());
        assertEquals(encoded.text(), raw.text());
    }

    @Test
    void aRequestLineOverTheLimitIsRefused() throws IOException {
        RawHttp.Answer answer = http().get("/images/json?filters=" + "a".repeat(17_000));
        assertRefusedInJson(answer, 414, "request line too long: ");
    }

    @Test
    void headersOverTheLimitAreRefused() throws IOException {
        RawHttp.Answer answer = http().request("GET", bytes("/images/json"), "X-Padding: " + "a".repeat(17_000) + "\r\n");
        assertRefusedInJson(answer, 431, "request header fields too large: ");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        RawHttp.Answer answer = http().exchange(bytes("GET /images/json HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n"
                + "x".repeat(1000)));
        assertRefusedInJson(answer, 413, "request body too large: 100000 bytes");
    }

    @Test
    void farBeyondTheLimitsTheHttpServerStillRefuses() throws IOException {
        RawHttp.Answer answer = http().get("/images/json?filters=" + "a".repeat(70_000));
        assertTrue(answer.status() == 414 || answer.status() == 0, "414 or a closed connection: " + answer);
    }

    /** A refusal is the daemon's JSON error with the Docker headers, and ends the connection. */
    private static void assertRefusedInJson(RawHttp.Answer answer, int status, String message) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals("application/json", answer.header("Content-Type"), answer.toString());
        assertEquals("1.51", answer.header("Api-Version"), answer.toString());
        assertTrue(answer.text().startsWith("{\"message\":\"" + message), answer.text());
        assertEquals("close", answer.header("Connection"), answer.toString());
    }

    @Test
    void manyParametersWithinTheLimitAreAnswered() throws IOException {
        String target = "/images/json?" + "all=1&".repeat(2_500) + "all=0";
        RawHttp.Answer answer = http().get(target);
        AnswerRules.assertImagesAnswer("2,500 parameters", answer);
        assertEquals(200, answer.status());
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws IOException {
        String body = "x".repeat(100_000);
        RawHttp.Answer answer = http().exchange(bytes("POST /images/json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        assertTrue(Set.of(0, 404, 413).contains(answer.status()), "refused: " + answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "TRACE", "PROPFIND"}) // (DELETE: the daemon's image remove, refused)
    void otherMethodsAreAnUnknownPage(String method) throws IOException {
        RawHttp.Answer answer = http().request(method, bytes("/images/json"), "Content-Length: 0\r\n");
        AnswerRules.assertClientError(method, answer);
        assertEquals(404, answer.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images/json", "/v1.41/images/json", "/version"})
    void headIsForPingOnly(String path) throws IOException {
        assertEquals(404, http().request("HEAD", bytes(path), "").status());
    }

    /** The daemon's system router takes OPTIONS on every path: 200, no body, after the version check. */
    @ParameterizedTest
    @ValueSource(strings = {"/images/json", "/_ping", "/v1.41/info", "/nope", "/images/ubuntu/json", "/containers/x/json/"})
    void optionsIsTheDaemonsEmptyAnswerOnEveryPath(String path) throws IOException {
        RawHttp.Answer answer = http().request("OPTIONS", bytes(path), "");
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(0, answer.body().length, answer.toString());
        assertEquals("0", answer.header("Content-Length"), answer.toString());
        assertEquals("1.51", answer.header("Api-Version"), answer.toString());
        RawHttp.Answer old = http().request("OPTIONS", bytes("/v1.12" + path.replaceFirst("^/v1\\.41", "")), "");
        assertEquals(400, old.status(), old.toString());
    }

    @Test
    void thereIsNoCors() throws IOException {
        RawHttp.Answer preflight = http().request("OPTIONS", bytes("/images/json"),
                "Origin: https://evil.example\r\nAccess-Control-Request-Method: GET\r\n");
        assertNull(preflight.header("Access-Control-Allow-Origin"), preflight.toString());
        RawHttp.Answer get = http().request("GET", bytes("/images/json"), "Origin: https://evil.example\r\n");
        assertEquals(200, get.status());
        assertNull(get.header("Access-Control-Allow-Origin"), get.toString());
    }

    /** Nothing but the API: no file, no configuration, no Quarkus endpoint, wherever the path points. */
    @ParameterizedTest
    @ValueSource(strings = {"/application.properties", "/catalog/sample-catalog.json", "/META-INF/MANIFEST.MF",
            "/q/health", "/q/dev", "/q/dev-ui", "/q/openapi", "/q/metrics", "/q/info", "/etc/passwd",
            "/images/json/../../../../etc/passwd", "/images/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/images%2Fjson", "/images/json/..%2F..%2Fetc%2Fpasswd", "/..;/etc/passwd", "/images/json?file=/etc/passwd&catalog.path=/etc/passwd"})
    void noRequestReachesAFileOrAnotherEndpoint(String target) throws IOException {
        RawHttp.Answer answer = http().get(target);
        assertFalse(answer.text().contains("root:"), answer.toString());
        assertFalse(answer.text().contains("quarkus."), answer.toString());
        if (target.startsWith("/images/json?") || target.equals("/images%2Fjson")) {
            // Unknown parameters are ignored, as by the daemon; a path is routed decoded, as by the daemon's router.
            AnswerRules.assertImagesAnswer(target, answer);
        } else if (answer.status() == 301) {
            // A path with dot segments moves to its clean form, as the daemon's router does; that one is
            // refused like any other path outside the API.
            assertEquals(0, answer.body().length, answer.toString());
            String location = answer.header("Location");
            assertEquals(404, http().get(location).status(), target + " -> " + location);
        } else {
            AnswerRules.assertClientError(target, answer);
            assertEquals(404, answer.status());
        }
    }

    @Test
    void everyAnswerSaysNosniff() throws IOException {
        for (String target : new String[] {"/images/json", "/_ping", "/version", "/nope", "/images/json?all=x"}) {
            assertEquals("nosniff", http().get(target).header("X-Content-Type-Options"), target);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

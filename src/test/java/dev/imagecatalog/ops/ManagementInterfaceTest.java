package dev.imagecatalog.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.http.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Health and metrics on the management port (the Docker API port keeps its 404 for /q/..., see
 * SystemApiTest): what probes and Prometheus read, with labels that no request can multiply.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "serving.form", matches = "lambda", disabledReason = "no management interface on AWS Lambda")
class ManagementInterfaceTest {

    private static final Set<String> TEMPLATES = Set.of("/images/json", "/images/{name}/json", "/_ping", "/version",
            "/info", "/system/df", "other");
    private static final Pattern SERIES = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} ");
    private static final Pattern URI = Pattern.compile("uri=\"([^\"]*)\"");

    private static int managementPort() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    private static String metrics() {
        return given().port(managementPort()).when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void livenessAndReadinessAreUpWithTheCatalogServed() {
        int images = given().when().get("/images/json?all=1").then().statusCode(200).extract().jsonPath().getList("$").size();
        given().port(managementPort()).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().port(managementPort()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.data.images", equalTo(images))
                .body("checks.find { it.name == 'catalog' }.data.fileInSync", equalTo(true))
                .body("checks.find { it.name == 'catalog' }.data.file", equalTo("classpath:catalog/sample-catalog.json (bundled sample)"));
    }

    @Test
    void requestsAreCountedByRouteTemplateBareAndVersioned() {
        String before = metrics();
        double listed = count(before, "GET", "200", "/images/json");
        double inspected = count(before, "GET", "404", "/images/{name}/json");
        double pinged = count(before, "HEAD", "200", "/_ping");
        double informed = count(before, "GET", "200", "/info"); // answered on a worker thread
        double badFilters = count(before, "GET", "400", "/images/json");
        given().when().get("/images/json").then().statusCode(200); // the stored-answer route
        given().when().get("/v1.41/images/json?all=1").then().statusCode(200);
        given().queryParam("filters", "{\"dangling\":[\"true\"]}").when().get("/v1.41/images/json").then().statusCode(200); // the resource
        given().when().get("/images/nosuchimage:1/json").then().statusCode(404);
        given().when().get("/v1.44/images/nosuchimage:2/json").then().statusCode(404);
        given().when().head("/_ping").then().statusCode(200);
        for (int i = 0; i < 20; i++) {
            given().when().get("/v1.41/info").then().statusCode(200);
            given().queryParam("filters", "{\"nope\":[\"" + i + "\"]}").when().get("/images/json").then().statusCode(400);
        }
        String after = metrics();
        assertEquals(informed + 20, count(after, "GET", "200", "/info"), "every answer from a worker counted: " + after);
        assertEquals(badFilters + 20, count(after, "GET", "400", "/images/json"), after);
        assertEquals(listed + 3, count(after, "GET", "200", "/images/json"), after);
        assertEquals(inspected + 2, count(after, "GET", "404", "/images/{name}/json"), after);
        assertEquals(pinged + 1, count(after, "HEAD", "200", "/_ping"), after);
        assertTrue(after.contains("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/images/json\",le="),
                "histogram buckets: " + after);
        assertTrue(after.contains("http_server_requests_seconds_sum{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/images/json\"}"), after);
    }

    /** The count of one series, 0 when it is not there yet. */
    private static double count(String metrics, String method, String status, String uri) {
        String outcome = status.startsWith("2") ? "SUCCESS" : status.startsWith("3") ? "REDIRECTION"
                : status.startsWith("4") ? "CLIENT_ERROR" : "SERVER_ERROR";
        String line = "http_server_requests_seconds_count{method=\"" + method + "\",outcome=\"" + outcome + "\",status=\"" + status
                + "\",uri=\"" + uri + "\"} ";
        int at = metrics.indexOf(line);
        if (at < 0) {
            return 0;
        }
        int end = metrics.indexOf('\n', at);
        return Double.parseDouble(metrics.substring(at + line.length(), end));
    }

    @Test
    void randomPathsAndNamesAddNoTimeSeries() throws IOException {
        RawHttp api = new RawHttp("127.0.0.1", RestAssured.port);
        send(api, new Random(1), 1_500); // every kind of request below, and every answer it can get
        Set<String> before = series(metrics());
        send(api, new Random(2), 1_000);
        Set<String> after = series(metrics());
        assertEquals(before, after, "1,000 random requests added time series");
        for (String labels : after) {
            Matcher uri = URI.matcher(labels);
            assertTrue(uri.find() && TEMPLATES.contains(uri.group(1)), "a uri label that is no route template: " + labels);
        }
    }

    private static void send(RawHttp api, Random random, int requests) throws IOException {
        String[] versions = {"", "/v1.41", "/v1.51", "/v1.12", "/v9.99", "/v1." + 0};
        for (int i = 0; i < requests; i++) {
            String version = versions[random.nextInt(versions.length)];
            String target = switch (random.nextInt(5)) {
                case 0 -> version + "/images/" + word(random) + "/json";
                case 1 -> version + "/images/" + word(random) + "/" + word(random) + ":" + word(random) + "/json";
                case 2 -> version + "/" + word(random);
                case 3 -> version + "/" + word(random) + "/" + word(random) + "/json";
                default -> version + "/images/json?filters=" + word(random);
            };
            String method = random.nextInt(8) == 0 ? "DELETE" : "GET";
            api.request(method, target.getBytes(StandardCharsets.US_ASCII), "");
        }
    }

    private static String word(Random random) {
        String alphabet = "abcxyzABC019_-";
        StringBuilder word = new StringBuilder();
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    private static Set<String> series(String metrics) {
        Set<String> series = new TreeSet<>();
        Matcher line = SERIES.matcher(metrics);
        while (line.find()) {
            series.add(line.group(1));
        }
        return series;
    }

    /** README's "Operate it" names each metric in backticks; each must be served under that name. */
    @Test
    void theMetricsTheReadmeListsAreServed() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Operate it");
        assertTrue(start >= 0, "README has an \"Operate it\" section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher named = Pattern.compile("`((?:catalog|api|http_server|jvm|process|system)_[a-z_]+)(\\{[^`]*})?`").matcher(section);
        given().when().get("/images/json").then().statusCode(200);
        String metrics = metrics();
        int found = 0;
        while (named.find()) {
            found++;
            String name = named.group(1);
            assertTrue(Pattern.compile("(?m)^" + name + "(_count|_sum|_bucket)?[ {]").matcher(metrics).find(), name + " is not served: " + metrics);
            if (named.group(2) != null) {
                for (String label : named.group(2).replaceAll("[{}]", "").split(",")) {
                    String key = label.split("=")[0].strip();
                    assertTrue(Pattern.compile("(?m)^" + name + "(_count)?\\{.*\\b" + key + "=").matcher(metrics).find(),
                            name + " has no label " + key);
                }
            }
        }
        assertTrue(found >= 14, "README names " + found + " metrics");
    }
}

package dev.imagecatalog.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.http.PackagedApp;
import dev.imagecatalog.http.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (jar, or the native binary) as an operator runs it: health and metrics
 * on the management port only, plain log lines by default, JSON lines with fields on request.
 */
class OperationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            int images = JSON.readTree(app.http().get("/images/json?all=1").body()).size();
            RawHttp.Answer ready = app.management().get("/q/health/ready");
            assertEquals(200, ready.status(), ready.toString());
            JsonNode health = JSON.readTree(ready.body());
            assertEquals("UP", health.get("status").asText());
            JsonNode catalog = null;
            for (JsonNode check : health.get("checks")) {
                catalog = check.get("name").asText().equals("catalog") ? check : catalog;
            }
            assertTrue(catalog != null, health.toString());
            assertEquals(images, catalog.at("/data/images").asInt(), health.toString());
            assertEquals(200, app.management().get("/q/health/live").status());
            String metrics = app.management().get("/q/metrics").text();
            assertTrue(metrics.contains("\ncatalog_images " + images + ".0\n"), metrics);
            assertTrue(metrics.contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/images/json\"}"),
                    metrics);
            for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics"}) {
                RawHttp.Answer onApi = app.http().get(path);
                assertEquals(404, onApi.status(), path);
                assertEquals("{\"message\":\"page not found\"}\n", onApi.text(), path);
            }
            assertTrue(app.log().stream().noneMatch(line -> line.startsWith("{")), "plain log lines by default: " + app.log());
            assertTrue(app.log().stream().noneMatch(line -> line.contains("WARN")), "no warning at a plain start: " + app.log());
        }
    }

    /**
     * The JVM's, the process's and the catalog's metrics are registered after the start (OperationsMetrics):
     * a scrape that is the very first request to the management port still finds every one.
     */
    @Test
    void theFirstScrapeFindsEveryMetric() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            String metrics = app.management().get("/q/metrics").text();
            for (String name : new String[] {"jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_info_total{", "process_uptime_seconds ",
                    "process_cpu_usage ", "system_cpu_count ", "catalog_images ", "catalog_file_in_sync ", "api_stored_answers_bytes "}) {
                assertTrue(metrics.contains("\n" + name), name + " is missing from the first scrape: " + metrics);
            }
            assertEquals(metrics.indexOf("\ncatalog_images "), metrics.lastIndexOf("\ncatalog_images "), "registered once: " + metrics);
        }
    }

    @Test
    void jsonLogLinesCarryTheCatalogFacts() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of("QUARKUS_LOG_CONSOLE_JSON", "true"))) {
            int images = JSON.readTree(app.http().get("/images/json?all=1").body()).size();
            JsonNode loaded = null;
            for (String line : app.log()) {
                JsonNode record = JSON.readTree(line); // every line is one JSON object
                if (record.path("message").asText().startsWith("Loaded ")) {
                    loaded = record;
                }
            }
            assertTrue(loaded != null, "no catalog line: " + app.log());
            assertEquals("INFO", loaded.get("level").asText());
            assertEquals(Integer.toString(images), loaded.at("/mdc/images").asText(), loaded.toString());
            assertEquals("classpath:catalog/sample-catalog.json (bundled sample)", loaded.at("/mdc/file").asText());
            assertTrue(loaded.at("/mdc/ms").asText().matches("\\d+"), loaded.toString());
        }
    }
}

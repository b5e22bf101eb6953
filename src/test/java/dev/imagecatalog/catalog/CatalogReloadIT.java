package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.http.PackagedApp;
import dev.imagecatalog.http.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application follows its catalog file (issue: live reload): a replaced file is served
 * within seconds, a broken one is refused with one WARN line while the last good one serves, SIGHUP
 * reloads at once, and under load no request fails or sees a mix of two catalogs.
 */
class CatalogReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Set<String> ids(RawHttp.Answer answer) throws Exception {
        assertEquals(200, answer.status(), answer.toString());
        Set<String> ids = new HashSet<>();
        for (JsonNode image : JSON.readTree(answer.body())) {
            ids.add(image.get("Id").asText());
        }
        return ids;
    }

    private static Set<String> idsOf(int n) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("%064x", i + 1));
        }
        return ids;
    }

    private static void replaceByRename(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void await(PackagedApp app, Set<String> expected, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!ids(app.http().get("/images/json?all=1")).equals(expected)) {
            assertTrue(System.nanoTime() < deadline, "not served within 15 s: " + what + "; log: " + app.log());
            Thread.sleep(50);
        }
    }

    @Test
    void followsTheFileAndRefusesABrokenOne() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, CatalogReloaderTest.catalogOf(2));
        try (PackagedApp app = PackagedApp.start(Map.of("CATALOG_PATH", file.toString(), "CATALOG_RELOAD_INTERVAL", "0.2S"))) {
            assertEquals(idsOf(2), ids(app.http().get("/images/json?all=1")));
            String etag = app.http().get("/images/json").header("ETag");

            replaceByRename(file, CatalogReloaderTest.catalogOf(3));
            await(app, idsOf(3), "a file replaced by rename");
            // (logged once the new catalog serves: a moment after the answer seen above)
            long logged = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (app.log().stream().noneMatch(line -> line.contains("INFO") && line.contains("Reloaded " + file)) && System.nanoTime() < logged) {
                Thread.sleep(20);
            }
            assertTrue(app.log().stream().anyMatch(line -> line.contains("INFO") && line.contains("Reloaded " + file)
                    && line.contains("3 images (+1)")), "one INFO line per reload: " + app.log());
            RawHttp.Answer afterReload = app.http().get("/images/json".getBytes(), "If-None-Match: " + etag + "\r\n");
            assertEquals(200, afterReload.status(), "an old entity tag gets the new answer");

            Files.writeString(file, CatalogReloaderTest.catalogOf(4));
            await(app, idsOf(4), "a file rewritten in place");

            Files.writeString(file, "[{\"Id\":\"" + "a".repeat(64) + "\",\"RepoTags\":[\"Bad:1\"]}]");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (app.log().stream().noneMatch(line -> line.contains("WARN") && line.contains("not reloaded"))) {
                assertTrue(System.nanoTime() < deadline, "no WARN line: " + app.log());
                Thread.sleep(50);
            }
            List<String> warnings = app.log().stream().filter(line -> line.contains("not reloaded")).toList();
            assertEquals(1, warnings.size(), "one line: " + warnings);
            assertTrue(warnings.get(0).contains(file.toString()) && warnings.get(0).contains("image 0")
                    && warnings.get(0).contains("field RepoTags[0]") && warnings.get(0).contains("must be lowercase"), warnings.get(0));
            Thread.sleep(600);
            assertEquals(idsOf(4), ids(app.http().get("/images/json?all=1")), "the last good catalog goes on serving");
            assertEquals(1, app.log().stream().filter(line -> line.contains("not reloaded")).count(), "said once");
            // What an operator's probes and dashboards see meanwhile (management port): still ready, out of sync.
            JsonNode check = readiness(app);
            assertEquals("UP", check.get("status").asText(), "the last good catalog serves: ready: " + check);
            assertEquals(4, check.at("/data/images").asInt(), check.toString());
            assertEquals(false, check.at("/data/fileInSync").asBoolean(true), check.toString());
            assertTrue(check.at("/data/problem").asText().contains("field RepoTags[0]"), check.toString());
            assertTrue(check.at("/data/outOfSyncSince").isTextual(), check.toString());
            String metrics = app.management().get("/q/metrics").text();
            assertTrue(metrics.contains("\ncatalog_file_in_sync 0.0\n"), metrics);
            assertTrue(metrics.contains("\ncatalog_reloads_total{result=\"refused\"} 1.0\n"), metrics);
            assertTrue(metrics.contains("\ncatalog_reloads_total{result=\"loaded\"} 2.0\n"), metrics);
            assertTrue(metrics.contains("\ncatalog_images 4.0\n"), metrics);

            Files.delete(file);
            Thread.sleep(600);
            assertEquals(idsOf(4), ids(app.http().get("/images/json?all=1")), "a file that is gone changes nothing");
            assertEquals(1, app.log().stream().filter(line -> line.contains("is gone")).count(), "said once: " + app.log());

            assertEquals("the file is gone", readiness(app).at("/data/problem").asText());

            Files.writeString(file, CatalogReloaderTest.catalogOf(5));
            await(app, idsOf(5), "the fixed file");
            check = readiness(app);
            assertEquals(true, check.at("/data/fileInSync").asBoolean(false), check.toString());
            assertTrue(check.at("/data/problem").isMissingNode(), check.toString());
            assertTrue(app.management().get("/q/metrics").text().contains("\ncatalog_file_in_sync 1.0\n"), "back in sync");
            assertTrue(app.log().stream().noneMatch(line -> line.contains("ERROR")), app.log().toString());
        }
    }

    /** The catalog check of the readiness answer, on the management port. */
    private static JsonNode readiness(PackagedApp app) throws Exception {
        RawHttp.Answer ready = app.management().get("/q/health/ready");
        JsonNode health = JSON.readTree(ready.body());
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("catalog")) {
                return check;
            }
        }
        throw new AssertionError("no catalog check: " + ready);
    }

    @Test
    void sighupReloadsAtOnce() throws Exception {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, CatalogReloaderTest.catalogOf(2));
        // Polling off: only the signal can make it reload.
        try (PackagedApp app = PackagedApp.start(Map.of("CATALOG_PATH", file.toString(), "CATALOG_RELOAD_INTERVAL", "0"))) {
            Files.writeString(file, CatalogReloaderTest.catalogOf(3));
            Thread.sleep(500);
            assertEquals(idsOf(2), ids(app.http().get("/images/json?all=1")), "nothing polls");
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(app.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            await(app, idsOf(3), "SIGHUP");
            assertTrue(app.isAlive(), "SIGHUP reloads, it does not stop the service");
        }
    }

    @Test
    void underLoadNoRequestFailsAndNoneSeesTwoCatalogs() throws Exception {
        Path file = dir.resolve("catalog.json");
        String small = CatalogReloaderTest.catalogOf(50);
        String large = CatalogReloaderTest.catalogOf(400);
        Files.writeString(file, small);
        try (PackagedApp app = PackagedApp.start(Map.of("CATALOG_PATH", file.toString(), "CATALOG_RELOAD_INTERVAL", "0.1S"))) {
            Set<Set<String>> whole = Set.of(idsOf(50), idsOf(400));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong answered = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> load = new ArrayList<>();
            String[] targets = {"/images/json?all=1", "/v1.41/images/json?all=1&filters=%7B%22reference%22%3A%5B%22app%22%5D%7D",
                "/images/json?all=1&filters=%7B%22since%22%3A%5B%22app%3A0%22%5D%7D"};
            for (int c = 0; c < 4; c++) {
                String target = targets[c % targets.length];
                load.add(clients.submit(() -> {
                    while (running.get()) {
                        try {
                            RawHttp.Answer answer = app.http().get(target);
                            Set<String> ids = ids(answer);
                            // since=app:0 drops the oldest image: compare with it added back.
                            ids.add(String.format("%064x", 1));
                            if (!whole.contains(ids)) {
                                problems.add(target + " answered " + ids.size() + " images, neither catalog");
                            }
                            answered.incrementAndGet();
                        } catch (Throwable e) {
                            problems.add(target + ": " + e);
                        }
                    }
                }));
            }
            // Each swap is waited for (served), not given a fixed time: on a busy machine a reload under
            // this load can take longer than a pause between swaps, and two swaps would then be one reload.
            for (int swap = 0; swap < 10; swap++) {
                Thread.sleep(100);
                boolean toLarge = swap % 2 == 0;
                replaceByRename(file, toLarge ? large : small);
                await(app, toLarge ? idsOf(400) : idsOf(50), "swap " + (swap + 1) + " under load");
            }
            Thread.sleep(200);
            running.set(false);
            for (Future<?> client : load) {
                client.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.peek());
            // Each served swap was a reload of its own (they alternate); its line is logged a moment after it serves.
            long logged = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (app.log().stream().filter(line -> line.contains("Reloaded")).count() < 10 && System.nanoTime() < logged) {
                Thread.sleep(20);
            }
            long reloads = app.log().stream().filter(line -> line.contains("Reloaded")).count();
            assertTrue(reloads >= 10, "reloaded " + reloads + " times for 10 swaps: " + app.log());
            assertTrue(answered.get() > 100, "answered " + answered.get());
        }
    }
}

package dev.imagecatalog.api;

import jakarta.inject.Inject;
import dev.imagecatalog.api.json.ApiVersion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real docker-py (Docker SDK for Python) lists and gets our images through its high-level API:
 * {@code src/test/resources/clients/docker_py_check.py} runs a fixed set of calls against the running
 * app and prints one JSON report (each call's value or exception, and the requests it sent), which
 * this test checks against the vectors catalog and the contract (sections 8 and 10). Uses the first
 * of {@code /usr/bin/python3} (Debian's {@code python3-docker}) and the {@code python3} on PATH that
 * can {@code import docker}; skipped (and reported as skipped) where neither can.
 */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
class DockerPyClientTest {

    private static final Path SCRIPT = Path.of("src/test/resources/clients/docker_py_check.py");
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;
    private static final long IMPORT_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = ImagesApiTest.A;
    private static final String T = ImagesApiTest.T;
    private static final String D = ImagesApiTest.D;
    private static final String I = ImagesApiTest.I;
    private static final String A_PREFIX = A.substring("sha256:".length(), "sha256:".length() + 12);

    /** The Python found, or null with the reason in {@link #pythonMissing}; looked for once. */
    private static String python;
    private static String pythonMissing;
    private static boolean pythonSearched;
    /** The script's report, run once per server address and shared by every test. */
    private static String reportFor;
    private static JsonNode report;

    @TestHTTPResource("/")
    URI uri;

    /** An event published before docker-py runs, for its events() call to find. */
    private static final String PUBLISHED = "py-events:1";

    @Inject
    dev.imagecatalog.catalog.events.EventLog events;

    @BeforeEach
    void findPython() throws InterruptedException {
        if (!pythonSearched) {
            pythonSearched = true;
            List<String> tried = new ArrayList<>();
            for (String candidate : candidates()) {
                String why = importsDocker(candidate);
                if (why == null) {
                    python = candidate;
                    break;
                }
                tried.add(candidate + ": " + why);
            }
            if (python == null) {
                pythonMissing = "no Python with docker-py (" + (tried.isEmpty() ? "no python3 found" : String.join("; ", tried))
                        + "): the docker-py tests are skipped; install python3-docker";
            }
        }
        Assumptions.assumeTrue(python != null, pythonMissing);
    }

    /** {@code /usr/bin/python3} first (Debian's python3-docker), then the first {@code python3} on PATH. */
    private static Set<String> candidates() {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add("/usr/bin/python3");
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable)
                .findFirst()
                .ifPresent(path -> candidates.add(path.toString()));
        return candidates;
    }

    /** Null when {@code python -c "import docker"} succeeds, else why not. */
    private static String importsDocker(String python) throws InterruptedException {
        if (!Files.isExecutable(Path.of(python))) {
            return "not found";
        }
        try {
            Run run = run(List.of(python, "-c", "import docker"), IMPORT_TIMEOUT_SECONDS);
            if (!run.finished()) {
                return "import docker did not finish in " + IMPORT_TIMEOUT_SECONDS + " s";
            }
            if (run.exitCode() != 0) {
                List<String> lines = run.stderr().strip().lines().toList();
                return "import docker failed" + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1));
            }
            return null;
        } catch (IOException e) {
            return "cannot run: " + e.getMessage();
        }
    }

    private record Run(boolean finished, int exitCode, String stdout, String stderr) {
    }

    /** Runs a command with output to files (no pipe to fill), killing it after the timeout. */
    private static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("docker-py-", ".out");
        Path err = Files.createTempFile("docker-py-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in src/test/resources
            builder.environment().put("PYTHONIOENCODING", "utf-8");
            Process process = builder.start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Run(finished, finished ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The script's report for this server, with a connected client. */
    private JsonNode report() throws IOException, InterruptedException {
        String host = "tcp://" + uri.getHost() + ":" + uri.getPort();
        if (!host.equals(reportFor)) {
            assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT.toAbsolutePath());
            events.publish(List.of(new dev.imagecatalog.catalog.events.CatalogChanges.Change("pull", PUBLISHED, Map.of("name", "py-events"))));
            Run run = run(List.of(python, SCRIPT.toAbsolutePath().toString(), host, A_PREFIX), SCRIPT_TIMEOUT_SECONDS);
            assertTrue(run.finished(), "docker_py_check.py (" + python + ") did not finish in " + SCRIPT_TIMEOUT_SECONDS
                    + " s; stderr: " + run.stderr());
            assertEquals(0, run.exitCode(), "docker_py_check.py (" + python + ") failed: " + run.stderr());
            JsonNode parsed;
            try {
                parsed = JSON.readTree(run.stdout());
            } catch (JsonProcessingException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                fail("docker_py_check.py (" + python + ") printed no JSON object: " + run.stdout() + "; stderr: " + run.stderr());
            }
            report = parsed;
            reportFor = host;
        }
        JsonNode client = report.path("client");
        assertTrue(client.path("ok").asBoolean(), who() + "DockerClient(version=\"auto\") failed: " + client);
        return report;
    }

    /** Names the client in failure messages: {@code docker-py 5.0.3 (/usr/bin/python3): }. */
    private static String who() {
        return "docker-py " + report.path("docker_py").asText() + " (" + report.path("executable").asText() + "): ";
    }

    /** The named operation's report, asserting it raised nothing. */
    private JsonNode succeeded(String name) throws IOException, InterruptedException {
        JsonNode op = report().path("operations").path(name);
        assertTrue(op.isObject(), who() + "no report for " + name);
        assertTrue(op.path("ok").asBoolean(), who() + name + " raised " + op.path("error") + "; requests: " + op.path("requests"));
        return op;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> ids(JsonNode images) {
        return StreamSupport.stream(images.spliterator(), false).map(image -> image.path("id").asText()).toList();
    }

    private static List<List<String>> tags(JsonNode images) {
        return StreamSupport.stream(images.spliterator(), false).map(image -> texts(image.path("tags"))).toList();
    }

    private static List<String> paths(JsonNode requests) {
        return StreamSupport.stream(requests.spliterator(), false).map(r -> r.path("path").asText()).toList();
    }

    private static List<Integer> statuses(JsonNode requests) {
        return StreamSupport.stream(requests.spliterator(), false).map(r -> r.path("status").asInt()).toList();
    }

    /** The labels as a map, or null when not a JSON object. */
    private static Map<String, String> labels(JsonNode labels) {
        return labels.isObject() ? JSON.convertValue(labels, new TypeReference<Map<String, String>>() { }) : null;
    }

    /** The version prefix docker-py puts on every call after negotiating. */
    private static String v() {
        return "/v" + ApiVersion.CURRENT.text();
    }

    @Test
    void infoAndDfAnswerAtOurVersion() throws Exception {
        JsonNode info = succeeded("info");
        assertEquals(List.of(v() + "/info"), paths(info.path("requests")), who() + info);
        assertEquals(4, info.path("value").path("Images").asInt(), who() + info);
        assertEquals(0, info.path("value").path("Containers").asInt(), who() + info);
        assertEquals("inactive", info.path("value").path("Swarm").path("LocalNodeState").asText(), who() + info);

        JsonNode df = succeeded("df");
        assertEquals(List.of(v() + "/system/df"), paths(df.path("requests")), who() + df);
        assertEquals(List.of(A, T, D), texts(df.path("value").path("image_ids")), who() + df);
        assertEquals(List.of("0", "0", "0"), texts(df.path("value").path("image_containers")), who() + df);
        assertTrue(df.path("value").path("containers").isArray() && df.path("value").path("containers").isEmpty(), who() + df);
        assertTrue(df.path("value").path("build_cache").isArray(), who() + df);
    }

    @Test
    void negotiatesOurApiVersionThroughVersion() throws Exception {
        JsonNode report = report();
        assertEquals(ApiVersion.CURRENT.text(), report.path("api_version").asText(), who() + report.path("client"));
        JsonNode requests = report.path("client").path("requests");
        assertEquals(List.of("/version"), paths(requests), who() + requests);
        assertEquals(List.of(200), statuses(requests), who() + requests);
    }

    @Test
    void listInspectsEveryListedImage() throws Exception {
        JsonNode op = succeeded("list");
        assertEquals(List.of(A, T, D), ids(op.path("value")), who() + op);
        assertEquals(List.of(List.of("ubuntu:14.04"), List.of("app:1"), List.of()), tags(op.path("value")), who() + op);
        // images.list() = List Images, then Image Inspect by full Id for each image listed
        JsonNode requests = op.path("requests");
        assertEquals(List.of(v() + "/images/json", v() + "/images/" + A + "/json", v() + "/images/" + T + "/json",
                v() + "/images/" + D + "/json"), paths(requests), who() + requests);
        assertEquals(List.of(200, 200, 200, 200), statuses(requests), who() + requests);
        assertEquals(List.of("0"), texts(requests.path(0).path("query").path("all")), who() + requests);
    }

    @Test
    void listAllAddsTheIntermediateImage() throws Exception {
        JsonNode op = succeeded("list_all");
        assertEquals(List.of(A, T, D, I), ids(op.path("value")), who() + op);
        assertEquals(List.of(List.of("ubuntu:14.04"), List.of("app:1"), List.of(), List.of()), tags(op.path("value")), who() + op);
        JsonNode requests = op.path("requests");
        assertEquals(List.of("1"), texts(requests.path(0).path("query").path("all")), who() + requests);
        assertEquals(List.of(200, 200, 200, 200, 200), statuses(requests), who() + requests);
    }

    @Test
    void listByNameUsesTheReferenceFilter() throws Exception {
        JsonNode op = succeeded("list_name");
        assertEquals(List.of(A), ids(op.path("value")), who() + op);
        assertEquals(List.of(List.of("ubuntu:14.04")), tags(op.path("value")), who() + op);
        JsonNode requests = op.path("requests");
        assertEquals(List.of(v() + "/images/json", v() + "/images/" + A + "/json"), paths(requests), who() + requests);
        JsonNode filters = JSON.readTree(requests.path(0).path("query").path("filters").path(0).asText("null"));
        assertEquals(List.of("ubuntu"), texts(filters.path("reference")), who() + requests);
    }

    @Test
    void getByTag() throws Exception {
        JsonNode op = succeeded("get_tag");
        JsonNode image = op.path("value");
        assertEquals(A, image.path("id").asText(), who() + op);
        assertEquals(List.of("ubuntu:14.04"), texts(image.path("tags")), who() + op);
        assertEquals(Map.of("tier", "base", "os", "ubuntu"), labels(image.path("labels")), who() + op);
        assertEquals(Map.of("tier", "base", "os", "ubuntu"), labels(image.path("config_labels")), who() + op);
        assertEquals("2014-05-13T17:00:00Z", image.path("created").asText(), who() + op); // Created 1400000400
        assertEquals(List.of("ubuntu@sha256:ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3"),
                texts(image.path("repo_digests")), who() + op);
        assertEquals(List.of(v() + "/images/ubuntu:14.04/json"), paths(op.path("requests")), who() + op.path("requests"));
    }

    @Test
    void getByShortId() throws Exception {
        JsonNode op = succeeded("get_short_id");
        assertEquals(A, op.path("value").path("id").asText(), who() + op);
        assertEquals(List.of("ubuntu:14.04"), texts(op.path("value").path("tags")), who() + op);
        assertEquals(List.of(v() + "/images/" + A_PREFIX + "/json"), paths(op.path("requests")), who() + op.path("requests"));
    }

    @Test
    void getUnknownRaisesImageNotFound() throws Exception {
        JsonNode op = report().path("operations").path("get_missing");
        assertFalse(op.path("ok").asBoolean(true), who() + "images.get(\"zzz\") raised nothing: " + op);
        JsonNode error = op.path("error");
        assertEquals("ImageNotFound", error.path("class").asText(), who() + error);
        assertTrue(error.path("image_not_found").asBoolean(), who() + error);
        assertEquals(404, error.path("status").asInt(), who() + error);
        assertTrue(error.path("message").asText().contains("No such image: zzz:latest"), who() + error);
        assertEquals("No such image: zzz:latest", error.path("explanation").asText(), who() + error);
    }

    @Test
    void inspectImageKeysAtOurVersion() throws Exception {
        JsonNode op = succeeded("inspect_keys");
        JsonNode value = op.path("value");
        assertEquals(A, value.path("attrs").path("Id").asText(), who() + op);
        // section 10.3/10.4 at 1.50-1.51: no VirtualSize, Container, ContainerConfig; alphabetical order
        assertEquals(List.of("Architecture", "Author", "Comment", "Config", "Created", "DockerVersion", "GraphDriver", "Id",
                "Metadata", "Os", "Parent", "RepoDigests", "RepoTags", "RootFS", "Size"), texts(value.path("keys")), who() + op);
        assertEquals(List.of("Cmd", "Entrypoint", "Env", "Labels", "OnBuild", "User", "Volumes", "WorkingDir"),
                texts(value.path("config_keys")), who() + op);
    }

    @Test
    void containersVolumesAndNetworksListAsOnADaemonWithOnlyImages() throws Exception {
        assertEquals(List.of(), texts(succeeded("containers").path("value")), who());
        assertEquals(List.of(v() + "/containers/json"), paths(succeeded("containers").path("requests")), who());
        assertEquals(List.of(), texts(succeeded("volumes").path("value")), who());
        assertEquals(List.of("bridge", "host", "none"), texts(succeeded("networks").path("value")), who());
    }

    @Test
    void eventsGivesTheCatalogsChangesAndEndsAtUntil() throws Exception {
        // docker-py reads events only from a chunked answer; AWS Lambda's adapter sends a whole body (README).
        org.junit.jupiter.api.Assumptions.assumeFalse("lambda".equals(System.getProperty("serving.form")),
                "docker-py's events() needs a chunked answer, which AWS Lambda does not send: skipped in the Lambda form");
        JsonNode op = succeeded("events");
        List<String> pulled = StreamSupport.stream(op.path("value").spliterator(), false)
                .filter(event -> event.path("Action").asText().equals("pull")).map(event -> event.path("id").asText()).toList();
        assertTrue(pulled.contains(PUBLISHED), who() + op);
        assertEquals(List.of(v() + "/events"), paths(op.path("requests")), who() + op);
    }

    @Test
    void writesRaiseTheDaemonsRefusal() throws Exception {
        for (String name : List.of("remove", "pull", "run")) {
            JsonNode op = report().path("operations").path(name);
            assertFalse(op.path("ok").asBoolean(), who() + name + " succeeded: " + op);
            assertEquals(403, op.path("error").path("status").asInt(), who() + op);
            assertTrue(op.path("error").path("explanation").asText().startsWith("authorization denied by plugin image-catalog: "), who() + op);
            assertTrue(op.path("error").path("explanation").asText().endsWith("is refused: the image catalog is read-only"), who() + op);
        }
    }
}

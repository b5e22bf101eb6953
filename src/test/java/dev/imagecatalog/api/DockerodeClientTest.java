package dev.imagecatalog.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.catalog.events.CatalogChanges;
import dev.imagecatalog.catalog.events.EventLog;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dockerode, the Docker SDK for Node.js, through our API unchanged (issue 24): images, containers,
 * volumes, networks and events list; writes get the daemon's refusal. dockerode is installed from the
 * npm registry into target/dockerode on first use; where node, npm or the registry is missing, the
 * tests are skipped, and say why.
 */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
class DockerodeClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path INSTALL = Path.of("target", "dockerode");
    private static final Path SCRIPT = Path.of("src", "test", "resources", "clients", "dockerode_check.js");
    private static final String PUBLISHED = "node-events:1";

    private static String missing;
    private static boolean looked;
    private static JsonNode report;

    @TestHTTPResource("/")
    URI uri;

    @Inject
    EventLog events;

    private static Path onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static String run(List<String> command, Map<String, String> environment, long seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dockerode", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? text : "exit " + process.exitValue() + ": " + text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @BeforeEach
    void installDockerode() throws Exception {
        if (!looked) {
            looked = true;
            Path node = onPath("node");
            Path npm = onPath("npm");
            if (node == null || npm == null) {
                missing = "no node or npm on PATH: the dockerode tests are skipped";
            } else if (!Files.isDirectory(INSTALL.resolve("node_modules").resolve("dockerode"))) {
                Files.createDirectories(INSTALL);
                String result = run(List.of(npm.toString(), "install", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=optional",
                        "--prefix", INSTALL.toAbsolutePath().toString(), "dockerode@4"), Map.of(), 300);
                if (!Files.isDirectory(INSTALL.resolve("node_modules").resolve("dockerode"))) {
                    missing = "dockerode could not be installed from the npm registry (" + result + "): the dockerode tests are skipped";
                }
            }
        }
        Assumptions.assumeTrue(missing == null, missing);
    }

    private JsonNode report() throws Exception {
        if (report == null) {
            long since = System.currentTimeMillis() / 1000 - 1;
            events.publish(List.of(new CatalogChanges.Change("pull", PUBLISHED, Map.of("name", "node-events"))));
            String out = run(List.of(onPath("node").toString(), SCRIPT.toAbsolutePath().toString(), uri.getHost(), String.valueOf(uri.getPort()),
                    String.valueOf(since)), Map.of("NODE_PATH", INSTALL.resolve("node_modules").toAbsolutePath().toString()), 60);
            assertTrue(out != null && out.startsWith("{"), "dockerode_check.js: " + out);
            report = JSON.readTree(out);
        }
        return report;
    }

    private JsonNode value(String name) throws Exception {
        JsonNode op = report().path("operations").path(name);
        assertTrue(op.path("ok").asBoolean(), "dockerode " + report().path("dockerode").asText() + ": " + name + " failed: " + op);
        return op.path("value");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isTextual() ? node.asText() : node.toString()));
        return texts;
    }

    @Test
    void listsImagesContainersVolumesAndNetworks() throws Exception {
        assertEquals(List.of(ImagesApiTest.A, ImagesApiTest.T, ImagesApiTest.D), texts(value("images")));
        assertEquals(List.of(), texts(value("containers")));
        assertEquals(List.of(), texts(value("volumes")));
        assertEquals(List.of("bridge", "host", "none"), texts(value("networks")));
    }

    @Test
    void getEventsStreamsTheCatalogsChangesUntilUntil() throws Exception {
        JsonNode events = value("events");
        assertTrue(StreamSupport.stream(events.spliterator(), false).anyMatch(event -> event.path("Action").asText().equals("pull")
                && event.path("Actor").path("ID").asText().equals(PUBLISHED)), events.toString());
    }

    @Test
    void writesGetTheDaemonsRefusal() throws Exception {
        for (String name : List.of("remove", "tag", "create")) {
            JsonNode op = report().path("operations").path(name);
            assertFalse(op.path("ok").asBoolean(), name + " succeeded: " + op);
            assertEquals(403, op.path("error").path("status").asInt(), op.toString());
            String message = op.path("error").path("json").path("message").asText();
            assertTrue(message.startsWith("authorization denied by plugin image-catalog: ")
                    && message.endsWith("is refused: the image catalog is read-only"), op.toString());
        }
    }
}

package dev.imagecatalog.api;

import jakarta.inject.Inject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code docker} CLI, pointed at us with {@code DOCKER_HOST}, prints our images in its own
 * table and inspects them by name, by short id and through the generic {@code docker inspect}. The
 * inspect assertions hold on both forms of the vectors catalog (same ids, tags and labels). Skipped
 * (and reported as skipped) where no {@code docker} binary is installed.
 */
@QuarkusTest
@TestProfile(VectorsCatalog.class)
class DockerCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI uri;

    @Inject
    dev.imagecatalog.catalog.events.EventLog events;

    @TempDir
    Path dockerConfig;

    private Path docker;

    @BeforeEach
    void findDocker() {
        docker = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "docker"))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(docker != null, "no docker CLI on PATH: the docker CLI tests are skipped");
    }

    /** What a docker run ended with. */
    private record Run(int exitCode, String out, String err) {
    }

    /** Runs docker with the given arguments against the app and returns how it ended, whatever that is. */
    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(docker.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
        builder.environment().put("DOCKER_HOST", "tcp://" + uri.getHost() + ":" + uri.getPort());
        builder.environment().put("DOCKER_CONFIG", dockerConfig.toString()); // no user contexts or plugins
        builder.environment().put("TZ", "UTC");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker did not finish");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), err);
    }

    /** Runs docker with the given arguments, which must succeed, and returns its standard output lines. */
    private List<String> docker(String... args) throws IOException, InterruptedException {
        Run run = run(args);
        assertEquals(0, run.exitCode(), "docker " + String.join(" ", args) + " failed: " + run.err());
        return run.out().lines().toList();
    }

    /** The one object of the JSON array that an inspect command without a format prints. */
    private JsonNode inspectOne(String... args) throws IOException, InterruptedException {
        JsonNode printed = JSON.readTree(String.join("\n", docker(args)));
        assertTrue(printed.isArray(), printed.toString());
        assertEquals(1, printed.size(), printed.toString());
        return printed.get(0);
    }

    private static Map<String, String> labels(JsonNode image) {
        return JSON.convertValue(image.get("Config").get("Labels"), new TypeReference<Map<String, String>>() { });
    }

    /** The table's rows, each as its first {@code columns} cells. */
    private static List<String> rows(List<String> lines, int columns) {
        return lines.stream().skip(1)
                .map(line -> String.join(" ", Arrays.copyOf(line.trim().split("\\s{2,}"), columns)))
                .toList();
    }

    @Test
    void dockerInfoPrintsWithoutAnErrorLine() throws Exception {
        Run run = run("info");
        assertEquals(0, run.exitCode(), "docker info failed: " + run.err() + run.out());
        assertTrue(!run.err().contains("ERROR") && !run.err().contains("WARNING") && !run.out().contains("ERROR"), run.err() + run.out());
        List<String> lines = run.out().lines().map(String::strip).toList();
        assertTrue(lines.contains("Images: 4"), "every image of the catalog, intermediates included: " + run.out());
        assertTrue(lines.contains("Containers: 0"), run.out());
        assertTrue(lines.contains("Swarm: inactive"), run.out());
        assertTrue(lines.contains("OSType: linux"), run.out());

        JsonNode info = JSON.readTree(String.join("\n", docker("info", "--format", "{{json .}}")));
        assertEquals(4, info.get("Images").asInt());
        assertEquals(given().when().get("/version").then().extract().path("Version").toString(), info.get("ServerVersion").asText());
    }

    @Test
    void dockerSystemDfShowsTheTopImages() throws Exception {
        List<String> lines = docker("system", "df");
        assertTrue(lines.get(0).matches("TYPE\\s+TOTAL\\s+ACTIVE\\s+SIZE\\s+RECLAIMABLE"), lines.get(0));
        // The tagged and the dangling images (not the intermediate one); none used by a container.
        assertTrue(lines.get(1).matches("Images\\s+3\\s+0\\s+.*"), lines.get(1));
        assertTrue(lines.get(2).matches("Containers\\s+0\\s+0\\s+0B\\s+0B"), lines.get(2));
        assertTrue(lines.get(3).matches("Local Volumes\\s+0\\s+0\\s+0B\\s+0B"), lines.get(3));
        assertTrue(lines.get(4).matches("Build Cache\\s+0\\s+0\\s+0B\\s+0B"), lines.get(4));
        assertEquals(5, lines.size(), lines.toString());
    }

    @Test
    void dockerSystemDfVerboseListsEachImage() throws Exception {
        Run run = run("system", "df", "-v");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        int images = lines.indexOf("Images space usage:");
        assertTrue(images >= 0, run.out());
        assertTrue(lines.get(images + 2).matches("REPOSITORY\\s+TAG\\s+IMAGE ID\\s+CREATED\\s+SIZE\\s+SHARED SIZE\\s+UNIQUE SIZE\\s+CONTAINERS"),
                lines.get(images + 2));
        assertEquals(List.of("ubuntu 14.04 1139fe385daf", "app 1 ad6202492125", "<none> <none> 9de67e017622"),
                rows(lines.subList(images + 2, images + 6), 3));
        assertTrue(run.out().contains("Build cache usage: 0B"), run.out());
    }

    @Test
    void dockerImages() throws Exception {
        List<String> lines = docker("images");
        assertTrue(lines.get(0).matches("REPOSITORY\\s+TAG\\s+IMAGE ID\\s+CREATED\\s+SIZE"), lines.get(0));
        assertEquals(List.of("ubuntu 14.04 1139fe385daf", "app 1 ad6202492125", "<none> <none> 9de67e017622"), rows(lines, 3));
    }

    @Test
    void dockerImagesAll() throws Exception {
        assertEquals(List.of("ubuntu 14.04 1139fe385daf", "app 1 ad6202492125", "<none> <none> 9de67e017622",
                "<none> <none> 4e9bdbfd87ba"), rows(docker("images", "-a"), 3));
    }

    @Test
    void dockerImagesDigests() throws Exception {
        List<String> lines = docker("images", "--digests");
        assertTrue(lines.get(0).contains("DIGEST"), lines.get(0));
        assertEquals(List.of(
                "ubuntu 14.04 sha256:ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3 1139fe385daf",
                "app 1 <none> ad6202492125",
                "<none> <none> <none> 9de67e017622"), rows(lines, 4));
    }

    @Test
    void dockerImagesFilters() throws Exception {
        assertEquals(List.of("<none> <none> 9de67e017622"), rows(docker("images", "--filter", "dangling=true"), 3));
        assertEquals(List.of("app 1 ad6202492125"), rows(docker("images", "--filter", "label=tier=app"), 3));
        assertEquals(List.of("ubuntu 14.04 1139fe385daf", "app 1 ad6202492125"),
                rows(docker("images", "--filter", "label=tier"), 3));
    }

    @Test
    void dockerImagesByName() throws Exception {
        assertEquals(List.of("ubuntu 14.04 1139fe385daf"), rows(docker("images", "ubuntu"), 3));
        assertEquals(List.of("app 1 ad6202492125"), rows(docker("images", "app:1"), 3));
    }

    @Test
    void dockerImagesJsonFormat() throws Exception {
        List<String> lines = docker("images", "--format", "{{json .}}");
        assertEquals(3, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("ubuntu", first.get("Repository").asText());
        assertEquals("14.04", first.get("Tag").asText());
        assertEquals("1139fe385daf", first.get("ID").asText());
        assertEquals("1kB", first.get("Size").asText());
        assertEquals("2014-05-13 17:00:00 +0000 UTC", first.get("CreatedAt").asText()); // Created 1400000400
    }

    @Test
    void dockerImageInspect() throws Exception {
        JsonNode a = inspectOne("image", "inspect", "ubuntu:14.04");
        assertEquals(ImagesApiTest.A, a.get("Id").asText());
        assertEquals(List.of("ubuntu:14.04"), JSON.convertValue(a.get("RepoTags"), new TypeReference<List<String>>() { }));
        assertEquals(Map.of("tier", "base", "os", "ubuntu"), labels(a));
        assertTrue(a.get("Created").asText().matches("2014-05-13T17:00:00(\\.\\d+)?Z"), a.get("Created").asText());
    }

    @Test
    void dockerImageInspectFormat() throws Exception {
        // A Go template runs on the CLI's typed image: a map prints with its keys sorted.
        assertEquals(List.of("map[os:ubuntu tier:base]"),
                docker("image", "inspect", "--format", "{{.Config.Labels}}", "ubuntu:14.04"));
        assertEquals(List.of(ImagesApiTest.A), docker("image", "inspect", "--format", "{{.Id}}", "ubuntu:14.04"));
    }

    @Test
    void dockerImageInspectByShortId() throws Exception {
        JsonNode a = inspectOne("image", "inspect", "1139fe385daf");
        assertEquals(ImagesApiTest.A, a.get("Id").asText());
        assertEquals(Map.of("tier", "base", "os", "ubuntu"), labels(a));
    }

    @Test
    void dockerInspectFallsBackToTheImage() throws Exception {
        // With no --type, the CLI asks GET /v1.NN/containers/app:1/json first; the daemon's 404 is a not-found
        // error to it, so it goes on to GET /v1.NN/images/app:1/json, which answers.
        given().urlEncodingEnabled(false).when().get("/v1.50/containers/app:1/json").then()
                .statusCode(404).body("message", equalTo("No such container: app:1"));
        JsonNode t = inspectOne("inspect", "app:1");
        assertEquals(ImagesApiTest.T, t.get("Id").asText());
        assertEquals(Map.of("tier", "app"), labels(t));
        assertEquals(List.of(ImagesApiTest.T), docker("inspect", "--format", "{{.Id}}", "app:1"));
    }

    @Test
    void dockerImageInspectUnknownName() throws Exception {
        Run run = run("image", "inspect", "zzz");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("No such image: zzz:latest"), run.err());
    }

    // A whole read-only daemon (issue 24): what people type after docker images.

    @Test
    void dockerPsAndItsFriendsPrintAnEmptyTable() throws Exception {
        for (String[] args : new String[][] {{"ps"}, {"ps", "-a"}, {"container", "ls", "--filter", "status=exited"}}) {
            List<String> lines = docker(args);
            assertEquals(1, lines.size(), String.join(" ", args) + ": " + lines);
            assertTrue(lines.get(0).matches("CONTAINER ID\\s+IMAGE\\s+COMMAND\\s+CREATED\\s+STATUS\\s+PORTS\\s+NAMES"), lines.get(0));
        }
        List<String> volumes = docker("volume", "ls");
        assertEquals(1, volumes.size(), volumes.toString());
        assertTrue(volumes.get(0).matches("DRIVER\\s+VOLUME NAME"), volumes.get(0));
        List<String> networks = docker("network", "ls");
        assertEquals(List.of("bridge bridge local", "host host local", "none null local"), networks.stream().skip(1)
                .map(line -> String.join(" ", Arrays.asList(line.trim().split("\\s{2,}")).subList(1, 4))).toList(), networks.toString());
        Run run = run("ps", "--filter", "status=sleeping");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("invalid filter 'status=sleeping'"), run.err());
    }

    @Test
    void dockerEventsPrintsTheCatalogsChangesInAWindowAndEnds() throws Exception {
        String tag = "cli-events:" + System.nanoTime();
        events.publish(List.of(new dev.imagecatalog.catalog.events.CatalogChanges.Change("pull", tag, java.util.Map.of("name", "cli-events"))));
        Thread.sleep(1100); // --until 0s is the current second, as the CLI sends it
        List<String> lines = docker("events", "--since", "10m", "--until", "0s", "--filter", "type=image");
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z image pull " + java.util.regex.Pattern.quote(tag)
                + " \\(name=cli-events\\)")), lines.toString());
        List<String> none = docker("events", "--since", "10m", "--until", "0s", "--filter", "type=container");
        assertEquals(List.of(), none);
    }

    @Test
    void writesAreRefusedWithOneClearLine() throws Exception {
        for (String[] args : new String[][] {{"rmi", "app:1"}, {"tag", "app:1", "app:2"}, {"pull", "busybox"}, {"run", "app:1"},
            {"volume", "create", "data"}, {"network", "create", "front"}, {"image", "prune", "-f"}}) {
            Run run = run(args);
            assertEquals(String.join(" ", args).startsWith("run") ? 125 : 1, run.exitCode(), String.join(" ", args) + ": " + run.err());
            // (docker run adds its usual "Run 'docker run --help' for more information" line)
            List<String> errors = run.err().lines().filter(line -> !line.isBlank() && !line.startsWith("Run 'docker run --help'")).toList();
            assertEquals(1, errors.size(), String.join(" ", args) + ": " + run.err());
            assertTrue(errors.get(0).matches(".*Error response from daemon: authorization denied by plugin image-catalog: .+ is refused: "
                    + "the image catalog is read-only\\.?"), errors.get(0));
        }
    }
}

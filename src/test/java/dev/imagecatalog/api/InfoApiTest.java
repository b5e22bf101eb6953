package dev.imagecatalog.api;

import dev.imagecatalog.api.json.ApiVersion;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /info} and {@code GET /system/df} per version bucket, on the bundled sample. The rules
 * come from moby: api/types/system/info.go (fields and omitempty), api/server/router/system/
 * system_routes.go (getInfo's and getDiskUsage's version rules), info_response.go (sorted keys below
 * 1.50), api/types/types.go (DiskUsage) and daemon/disk_usage.go (which images, Containers, SharedSize).
 */
@QuarkusTest
class InfoApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode get(String path) throws Exception {
        Response response = given().when().get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.asString());
        assertEquals("application/json", response.contentType());
        assertEquals("1.51", response.header("Api-Version"));
        return JSON.readTree(response.asByteArray());
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** What coreutils' nproc says: the affinity mask's count, as Go's runtime.NumCPU. */
    static int nproc() throws Exception {
        Process nproc = new ProcessBuilder("nproc").redirectErrorStream(true).start();
        String out = new String(nproc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        assertEquals(0, nproc.waitFor(), out);
        return Integer.parseInt(out);
    }

    private static boolean before(String version, String other) {
        return new ApiVersion(version).isBefore(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/info", "/v1.51/info"})
    void infoDescribesTheCatalogAndTheHost(String path) throws Exception {
        JsonNode info = get(path);
        JsonNode version = get("/version");
        int images = get("/images/json?all=1").size();
        assertEquals(images, info.get("Images").asInt(), "every image, intermediates included");
        for (String count : new String[] {"Containers", "ContainersRunning", "ContainersPaused", "ContainersStopped"}) {
            assertEquals(0, info.get(count).asInt(), count);
        }
        assertEquals(version.get("Version").asText(), info.get("ServerVersion").asText());
        assertEquals(version.get("KernelVersion").asText(), info.get("KernelVersion").asText());
        assertFalse(info.get("KernelVersion").asText().isEmpty());
        assertEquals("linux", info.get("OSType").asText());
        assertEquals(version.get("Arch").asText().equals("amd64") ? "x86_64" : version.get("Arch").asText().equals("arm64") ? "aarch64"
                : version.get("Arch").asText(), info.get("Architecture").asText(), "uname's name, as the daemon's Architecture");
        assertEquals(nproc(), info.get("NCPU").asInt(), "as Go counts them: the CPUs this process may run on (nproc)");
        assertTrue(info.get("MemTotal").asLong() > 0, info.toString());
        assertFalse(info.get("Name").asText().isEmpty());
        assertFalse(info.get("OperatingSystem").asText().isEmpty());
        assertEquals(info.get("ID").asText(), get(path).get("ID").asText(), "a stable ID");
        assertTrue(info.get("ID").asText().matches("[0-9a-f-]{36}"), info.get("ID").asText());
        assertTrue(info.get("Labels").isArray() && info.get("Labels").isEmpty());
        assertFalse(info.get("ExperimentalBuild").asBoolean(true));
        assertTrue(info.get("Warnings").isNull());
        // Nothing that claims a storage driver, runtime, plugin or swarm.
        assertEquals("", info.get("Driver").asText());
        assertTrue(info.get("DriverStatus").isNull());
        assertTrue(info.get("Runtimes").isNull());
        assertEquals("", info.get("DefaultRuntime").asText());
        info.get("Plugins").elements().forEachRemaining(plugins -> assertTrue(plugins.isNull(), info.get("Plugins").toString()));
        assertEquals("inactive", info.at("/Swarm/LocalNodeState").asText());
        assertTrue(info.get("CDISpecDirs").isArray(), "the daemon promotes nil to []");
        assertTrue(info.get("SystemTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?(Z|[+-]\\d\\d:\\d\\d)"),
                info.get("SystemTime").asText());
        for (String omitted : new String[] {"KernelMemory", "KernelMemoryTCP", "SystemStatus", "CgroupVersion", "ProductLicense",
            "DefaultAddressPools", "FirewallBackend", "DiscoveredDevices", "Containerd"}) {
            assertFalse(info.has(omitted), omitted + " is omitempty and empty here");
        }
        // The struct's order at 1.50 and later.
        List<String> keys = keys(info);
        assertEquals(List.of("ID", "Containers", "ContainersRunning", "ContainersPaused", "ContainersStopped", "Images", "Driver"),
                keys.subList(0, 7));
        assertEquals("Warnings", keys.get(keys.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.23", "1.24", "1.25", "1.38", "1.39", "1.41", "1.42", "1.43", "1.44", "1.46", "1.47", "1.48", "1.49", "1.50",
        "1.51"})
    void infoFollowsTheVersionRules(String version) throws Exception {
        JsonNode info = get("/v" + version + "/info");
        List<String> keys = keys(info);
        boolean legacyMap = before(version, "1.50");
        assertEquals(legacyMap, info.has("BridgeNfIptables") && info.has("BridgeNfIp6tables"), "BridgeNf fields below 1.50");
        if (legacyMap) {
            assertFalse(info.get("BridgeNfIptables").asBoolean(true));
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(sorted, keys, "below 1.50 Go writes the info through a map: keys sorted");
            assertEquals(List.of("ControlAvailable", "Error", "LocalNodeState", "NodeAddr", "NodeID", "RemoteManagers"),
                    keys(info.get("Swarm")), "sorted at every level");
        } else {
            assertEquals("ID", keys.get(0));
            assertEquals(List.of("NodeID", "NodeAddr", "LocalNodeState", "ControlAvailable", "Error", "RemoteManagers"), keys(info.get("Swarm")));
        }
        List<String> registry = keys(info.get("RegistryConfig"));
        assertEquals(before(version, "1.47") ? List.of("AllowNondistributableArtifactsCIDRs", "AllowNondistributableArtifactsHostnames",
                "IndexConfigs", "InsecureRegistryCIDRs", "Mirrors") : List.of("IndexConfigs", "InsecureRegistryCIDRs", "Mirrors"), registry);
        assertEquals(List.of("ID"), keys(info.get("ContainerdCommit")), "Expected = ID is omitted when empty");
        assertEquals(get("/images/json?all=1").size(), info.get("Images").asInt());
    }

    /** The layer of the sample's intermediate image (ea13149945cb), which busybox is built on. */
    private static final long INTERMEDIATE_LAYER = 2429728;

    @ParameterizedTest
    @ValueSource(strings = {"1.23", "1.25", "1.41", "1.42", "1.43", "1.44", "1.50", "1.51"})
    void diskUsageListsTheTopImagesAsTheDaemonComputesThem(String version) throws Exception {
        JsonNode df = get("/v" + version + "/system/df");
        JsonNode listed = get("/v1.51/images/json"); // the images, without List Images' per-version rewriting
        assertEquals(List.of("LayersSize", "Images", "Containers", "Volumes", "BuildCache"), keys(df));
        JsonNode images = df.get("Images");
        assertEquals(listed.size(), images.size(), "the images of List Images without all");
        long sizes = 0;
        for (int i = 0; i < listed.size(); i++) {
            JsonNode image = images.get(i);
            JsonNode summary = listed.get(i);
            assertEquals(summary.get("Id"), image.get("Id"), "in List Images' order");
            boolean virtualSize = before(version, "1.44") && image.get("Size").asLong() != 0; // omitempty
            List<String> fields = new ArrayList<>(List.of("Containers", "Created", "Id", "Labels", "ParentId", "RepoDigests", "RepoTags",
                    "SharedSize", "Size"));
            if (virtualSize) {
                fields.add("VirtualSize");
                assertEquals(image.get("Size"), image.get("VirtualSize"), "the df route sets VirtualSize to Size");
            }
            assertEquals(fields, keys(image), "the image service's summary, at every version");
            boolean noRefs = summary.get("RepoTags").isEmpty() && summary.get("RepoDigests").isEmpty();
            for (String refs : new String[] {"RepoTags", "RepoDigests"}) {
                JsonNode expected = noRefs && before(version, "1.43")
                        ? JSON.createArrayNode().add(refs.equals("RepoTags") ? "<none>:<none>" : "<none>@<none>")
                        : summary.get(refs).isEmpty() ? JSON.nullNode() : summary.get(refs);
                assertEquals(expected, image.get(refs), refs + ": placeholders below 1.43 (dockerd up to 23.0), else null when empty");
            }
            assertEquals(summary.get("Labels"), image.get("Labels"));
            assertEquals(0, image.get("Containers").asInt(), "no container uses it (never -1 here)");
            // The sample's only ParentId chain: busybox (Size 0: its own layer, as old daemons counted) on an
            // intermediate image of 2429728 bytes. From 1.42 busybox shares that layer, but shares no more than
            // its Size, or docker system df -v would show a negative unique size: 0 at every version here.
            // (Which images count as a layer's users, 20.10's or 22.06's, is LayerSharingTest's.)
            assertEquals(0, image.get("SharedSize").asLong(), image.toString());
            sizes += image.get("Size").asLong();
        }
        assertEquals(sizes + INTERMEDIATE_LAYER, df.get("LayersSize").asLong(),
                "each layer once: the listed images' own and the intermediate one's under busybox");
        for (String part : new String[] {"Containers", "Volumes", "BuildCache"}) {
            assertTrue(df.get(part).isArray() && df.get(part).isEmpty(), part + " asked for and empty: []");
        }
        // type is read from 1.42 on, and ignored before.
        JsonNode typed = get("/v" + version + "/system/df?type=image&type=volume");
        JsonNode containersOnly = get("/v" + version + "/system/df?type=container");
        if (before(version, "1.42")) {
            assertEquals(df, typed);
            assertEquals(df, containersOnly);
            assertEquals(200, given().when().get("/v" + version + "/system/df?type=bogus").statusCode());
        } else {
            assertEquals(images, typed.get("Images"));
            assertTrue(typed.get("Volumes").isArray());
            assertTrue(typed.get("Containers").isNull() && typed.get("BuildCache").isNull(), typed.toString());
            assertTrue(containersOnly.get("Images").isNull(), containersOnly.toString());
            assertEquals(0, containersOnly.get("LayersSize").asLong());
            assertTrue(containersOnly.get("Containers").isArray());
            given().when().get("/v" + version + "/system/df?type=image&type=bogus").then().statusCode(400)
                    .contentType("application/json").body("message", org.hamcrest.Matchers.equalTo("unknown object type: bogus"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/info", "/system/df", "/v1.41/system/df"})
    void answersCarryTheDockerHeadersEntityTagsAndGzip(String path) {
        // On AWS Lambda an answer from a resource goes plain: Quarkus's adapter would send a gzip body as text.
        boolean lambda = "lambda".equals(System.getProperty("serving.form"));
        Response first = given().header("Accept-Encoding", "gzip").when().get(path);
        first.then().statusCode(200).header("Content-Encoding", lambda ? org.hamcrest.Matchers.nullValue() : org.hamcrest.Matchers.equalTo("gzip"))
                .header("Server", org.hamcrest.Matchers.startsWith("image-catalog/"))
                .header("Ostype", "linux").header("Docker-Experimental", "false");
        String etag = first.header("ETag");
        // The gzip form's tag is the weak one (a strong tag names one representation's bytes).
        assertTrue(etag != null && etag.startsWith(lambda ? "\"" : "W/\""), path + ": " + etag);
        if (path.contains("df")) { // the same catalog, the same answer: 304 (info carries the time, it changes)
            given().header("If-None-Match", etag).when().get(path).then().statusCode(304).header("ETag", etag);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/info", "/system/df", "/v1.41/info", "/v1.41/system/df"})
    void otherMethodsAndBadVersionsAreTheDaemons(String path) {
        for (String method : new String[] {"POST", "PUT", "DELETE", "HEAD"}) {
            given().when().request(method, path).then().statusCode(404);
        }
        given().when().get("/v1.12" + path.replace("/v1.41", "")).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("client version 1.12 is too old"));
        given().when().get(path + "/").then().statusCode(404).body("message", org.hamcrest.Matchers.equalTo("page not found"));
    }
}

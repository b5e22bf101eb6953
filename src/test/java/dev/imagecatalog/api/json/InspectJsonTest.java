package dev.imagecatalog.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.catalog.CatalogLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Image Inspect answer, field by field and version by version (sections 10.3 and 10.4). */
class InspectJsonTest {

    private static final String ID = "sha256:8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static CatalogImage image(String entry) throws IOException {
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(("[" + entry + "]").getBytes(StandardCharsets.UTF_8)), "inline");
        return catalog.images().get(0);
    }

    private static String text(CatalogImage image, InspectShape shape, boolean manifests) {
        return new String(InspectJson.image(image, shape, manifests), StandardCharsets.UTF_8);
    }

    private static JsonNode json(CatalogImage image, InspectShape shape) throws IOException {
        return MAPPER.readTree(InspectJson.image(image, shape, false));
    }

    @Test
    void aListFormEntryIsTheDaemonsImageWithoutData() throws IOException {
        CatalogImage image = image("{\"Id\":\"" + ID + "\",\"Created\":1700000100,\"Size\":5,\"Labels\":{\"b\":\"2\",\"a\":\"1\"},"
                + "\"RepoTags\":[\"docker.io/library/x:1\"],\"RepoDigests\":[\"<none>@<none>\"]}");
        assertEquals("{\"Architecture\":\"\",\"Author\":\"\",\"Comment\":\"\",\"Config\":{\"AttachStderr\":false,"
                + "\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":null,\"Domainname\":\"\",\"Entrypoint\":null,\"Env\":null,"
                + "\"Hostname\":\"\",\"Image\":\"\",\"Labels\":{\"a\":\"1\",\"b\":\"2\"},\"OnBuild\":null,\"OpenStdin\":false,"
                + "\"StdinOnce\":false,\"Tty\":false,\"User\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"},\"Container\":\"\","
                + "\"ContainerConfig\":{\"AttachStderr\":false,\"AttachStdin\":false,\"AttachStdout\":false,\"Cmd\":null,"
                + "\"Domainname\":\"\",\"Entrypoint\":null,\"Env\":null,\"Hostname\":\"\",\"Image\":\"\",\"Labels\":null,"
                + "\"OnBuild\":null,\"OpenStdin\":false,\"StdinOnce\":false,\"Tty\":false,\"User\":\"\",\"Volumes\":null,"
                + "\"WorkingDir\":\"\"},\"Created\":\"2023-11-14T22:15:00Z\",\"DockerVersion\":\"\","
                + "\"GraphDriver\":{\"Data\":null,\"Name\":\"\"},\"Id\":\"" + ID + "\","
                + "\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"},\"Os\":\"linux\",\"Parent\":\"\",\"RepoDigests\":[],"
                + "\"RepoTags\":[\"x:1\"],\"RootFS\":{\"Type\":\"layers\"},\"Size\":5,\"VirtualSize\":5}\n",
                text(image, InspectShape.V1_23, false));
        assertEquals("{\"Architecture\":\"\",\"Author\":\"\",\"Comment\":\"\",\"Config\":{\"Cmd\":null,\"Entrypoint\":null,"
                + "\"Env\":null,\"Labels\":{\"a\":\"1\",\"b\":\"2\"},\"OnBuild\":null,\"User\":\"\",\"Volumes\":null,\"WorkingDir\":\"\"},"
                + "\"Created\":\"2023-11-14T22:15:00Z\",\"DockerVersion\":\"\",\"GraphDriver\":{\"Data\":null,\"Name\":\"\"},"
                + "\"Id\":\"" + ID + "\",\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"},\"Os\":\"linux\",\"Parent\":\"\","
                + "\"RepoDigests\":[],\"RepoTags\":[\"x:1\"],\"RootFS\":{\"Type\":\"layers\"},\"Size\":5}\n",
                text(image, InspectShape.V1_50, true));
    }

    @Test
    void anUnknownCreatedIsZeroTimeBefore144AndOmittedFrom144() throws IOException {
        CatalogImage image = image("{\"Id\":\"" + ID + "\"}");
        assertEquals("0001-01-01T00:00:00Z", json(image, InspectShape.V1_23).get("Created").asText());
        for (InspectShape shape : List.of(InspectShape.V1_44, InspectShape.V1_45, InspectShape.V1_48, InspectShape.V1_50)) {
            assertFalse(json(image, shape).has("Created"), shape.name());
        }
        CatalogImage epoch = image("{\"Id\":\"" + ID + "\",\"Created\":0}");
        assertEquals("1970-01-01T00:00:00Z", json(epoch, InspectShape.V1_50).get("Created").asText(), "0 given is a time");
    }

    /** An inspect-form entry recorded below 1.44 wrote Go's zero time for "unknown": so it is read, in any spelling. */
    @Test
    void anInspectFormZeroTimeIsAnUnknownCreated() throws IOException {
        for (String zero : List.of("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000000Z", "0001-01-01T01:30:00+01:30")) {
            CatalogImage image = image("{\"Id\":\"" + ID + "\",\"Created\":\"" + zero + "\",\"Config\":null}");
            assertEquals(0, image.created(), "List Images: " + zero);
            assertEquals("0001-01-01T00:00:00Z", json(image, InspectShape.V1_23).get("Created").asText(), zero);
            for (InspectShape shape : List.of(InspectShape.V1_44, InspectShape.V1_45, InspectShape.V1_48, InspectShape.V1_50)) {
                assertFalse(json(image, shape).has("Created"), shape.name() + " " + zero);
            }
        }
        CatalogImage early = image("{\"Id\":\"" + ID + "\",\"Created\":\"0001-01-01T00:00:01Z\",\"Config\":null}");
        assertEquals("0001-01-01T00:00:01Z", json(early, InspectShape.V1_50).get("Created").asText(), "a second later is a time");
    }

    @Test
    void anInspectFormEntryIsReshapedPerVersion() throws IOException {
        CatalogImage image = image("{\"Id\":\"" + ID + "\",\"Created\":\"2023-11-14T22:15:00.5Z\",\"Size\":5,\"VirtualSize\":9,"
                + "\"Os\":\"\",\"Variant\":\"\",\"OsVersion\":\"10.0\",\"Comment\":null,\"Future\":{\"z\":1,\"a\":[2.50,{\"y\":1,\"b\":2}]},"
                + "\"Config\":{\"Tty\":true,\"MacAddress\":\"m\",\"StopTimeout\":3,\"Healthcheck\":{\"Test\":[\"CMD\"],\"Interval\":1},"
                + "\"Labels\":{\"k\":\"v\"}},\"Container\":\"c1\",\"ContainerConfig\":{\"Cmd\":[\"sh\"]},"
                + "\"Descriptor\":{\"mediaType\":\"m\",\"digest\":\"d\",\"size\":1},\"Manifests\":[{\"ID\":\"x\"}],"
                + "\"GraphDriver\":null,\"Metadata\":{\"LastTagTime\":\"2024-01-01T00:00:00Z\"}}");
        JsonNode v123 = json(image, InspectShape.V1_23);
        assertEquals("2023-11-14T22:15:00.5Z", v123.get("Created").asText());
        assertEquals(9, v123.get("VirtualSize").asInt());
        assertEquals("linux", v123.get("Os").asText(), "an empty Os is linux");
        assertFalse(v123.has("Variant"), "omitted when empty");
        assertEquals("10.0", v123.get("OsVersion").asText());
        assertEquals("", v123.get("Comment").asText(), "null is filled as absent");
        assertEquals("c1", v123.get("Container").asText());
        assertEquals("[\"sh\"]", v123.get("ContainerConfig").get("Cmd").toString());
        assertEquals(false, v123.get("ContainerConfig").get("Tty").asBoolean(), "missing keys filled");
        assertTrue(v123.get("Config").get("Tty").asBoolean(), "given keys kept");
        assertEquals("m", v123.get("Config").get("MacAddress").asText());
        assertEquals("{\"Data\":null,\"Name\":\"\"}", v123.get("GraphDriver").toString(), "null: the default");
        assertEquals("2024-01-01T00:00:00Z", v123.get("Metadata").get("LastTagTime").asText());
        assertFalse(v123.has("Descriptor") || v123.has("Manifests"), "before 1.48");
        assertTrue(text(image, InspectShape.V1_23, false).contains("\"Future\":{\"a\":[2.50,{\"b\":2,\"y\":1}],\"z\":1}"),
                "unknown members: as given (numbers as written), keys sorted");

        JsonNode v148 = json(image, InspectShape.V1_48);
        assertTrue(v148.has("Descriptor"));
        assertFalse(v148.has("Manifests"), "only with manifests=1");
        assertTrue(MAPPER.readTree(InspectJson.image(image, InspectShape.V1_48, true)).has("Manifests"));

        JsonNode config150 = json(image, InspectShape.V1_50).get("Config");
        assertEquals(List.of("Cmd", "Entrypoint", "Env", "Healthcheck", "Labels", "OnBuild", "User", "Volumes", "WorkingDir"),
                keys(config150), "the image's keys and those set, not the container's");
        assertEquals("{\"Interval\":1,\"Test\":[\"CMD\"]}", config150.get("Healthcheck").toString());
    }

    @Test
    void keysAreInGoByteOrder() throws IOException {
        CatalogImage image = image("{\"Id\":\"" + ID + "\",\"Config\":{\"Labels\":{\"\u00e9\":\"1\",\"z\":\"2\",\"Z\":\"3\",\"\ud83d\ude00\":\"4\",\"\uff5e\":\"5\"}}}");
        assertEquals(List.of("Z", "z", "\u00e9", "\uff5e", "\ud83d\ude00"), keys(json(image, InspectShape.V1_50).get("Config").get("Labels")));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}

package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inspect-form entries (section 1 of the contract): recognised, derived, kept as given. */
class InspectFormTest {

    private static final String ID = "8dbd9e392a964056420e5d58ca5cc376ef18e2de93b5cc90e868a1bbc8318c1c";

    private static CatalogImage one(String entry) throws IOException {
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(("[" + entry + "]").getBytes(StandardCharsets.UTF_8)), "inline");
        return catalog.images().get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        2023-11-14T22:15:00Z                | 1700000100
        2023-11-14T22:15:00.999999999Z      | 1700000100
        2023-11-15T00:15:00.5+02:00         | 1700000100
        2023-11-14T21:15:00-01:00           | 1700000100
        1970-01-01T00:00:00Z                | 0
        1969-12-31T23:59:59.5Z              | -1
        0001-01-01T00:00:00Z                | 0
        """)
    void createdIsTheUnixSecondRoundedDown(String created, long seconds) throws IOException {
        CatalogImage image = one("{\"Id\":\"" + ID + "\",\"Created\":\"" + created + "\"}");
        assertEquals(seconds, image.created());
        assertTrue(image.createdKnown());
        assertEquals(created, image.inspect().created(), "served as given");
    }

    @Test
    void recognisedByAConfigMemberAloneEvenNull() throws IOException {
        CatalogImage image = one("{\"Id\":\"" + ID + "\",\"Config\":null,\"Parent\":\"sha256:" + "1".repeat(64) + "\"}");
        assertNotNull(image.inspect());
        assertFalse(image.createdKnown(), "no Created: unknown");
        assertEquals(0, image.created());
        assertEquals("sha256:" + "1".repeat(64), image.parentId(), "ParentId comes from Parent");
        assertNull(image.labels());
    }

    @Test
    void listFieldsDeriveFromTheInspectData() throws IOException {
        CatalogImage image = one("{\"Id\":\"" + ID + "\",\"Created\":\"2023-11-14T22:15:00Z\",\"Size\":10,"
                + "\"Config\":{\"Labels\":{\"b\":\"2\",\"a\":\"1\"},\"Cmd\":[\"sh\"]},\"Architecture\":\"arm64\",\"Os\":\"linux\","
                + "\"ParentId\":\"ignored\",\"Labels\":{\"ignored\":\"x\"},\"Containers\":7}");
        assertEquals(Map.of("a", "1", "b", "2"), image.labels());
        assertEquals(List.of("a", "b"), List.copyOf(image.labels().keySet()), "in Go's order");
        assertEquals(10, image.size());
        assertEquals(10, image.virtualSize(), "VirtualSize absent: Size");
        assertEquals(0, image.containers(), "a daemon lists 0 containers for an inspected image");
        assertEquals("", image.parentId(), "ParentId belongs to the list form");
        assertEquals("arm64", image.architecture());
        assertEquals("linux", image.os());
        assertEquals("[\"sh\"]", image.inspect().member("Config").get("Cmd").toString(), "the rest is kept as given");
        assertNull(image.inspect().member("Parent"), "kept once, by the image");
    }

    @Test
    void configLabelsNullOrEmptyStayAsGiven() throws IOException {
        assertNull(one("{\"Id\":\"" + ID + "\",\"Config\":{\"Labels\":null}}").labels());
        assertEquals(Map.of(), one("{\"Id\":\"" + ID + "\",\"Config\":{\"Labels\":{}}}").labels());
        assertNull(one("{\"Id\":\"" + ID + "\",\"Config\":{}}").labels());
    }

    @Test
    void aListFormEntryKeepsNoInspectData() throws IOException {
        CatalogImage image = one("{\"Id\":\"" + ID + "\",\"Created\":5,\"Os\":\"linux\",\"Names\":[\"x\"],\"Labels\":{\"a\":\"b\"}}");
        assertNull(image.inspect(), "nothing stored per list-form image beyond its list fields");
        assertTrue(image.createdKnown());
        assertEquals("linux", image.os());
        assertEquals("", image.architecture());
        assertFalse(one("{\"Id\":\"" + ID + "\"}").createdKnown());
    }

    @Test
    void bothFormsMixInOneFile() {
        Catalog list = TestCatalogs.load("/catalogs/daemon-list.json");
        Catalog mixed = TestCatalogs.load("/catalogs/daemon-inspect.json");
        assertEquals(list.size(), mixed.size());
        long inspectForm = mixed.images().stream().filter(i -> i.inspect() != null).count();
        assertEquals(mixed.size() - 1, inspectForm, "all but the last entry are of the inspect form");
    }
}

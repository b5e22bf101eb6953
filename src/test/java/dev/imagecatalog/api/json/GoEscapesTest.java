package dev.imagecatalog.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.QueryParameters;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Go's encoder writes U+2028 and U+2029 escaped even with HTML escaping off: every answer does the same. */
class GoEscapesTest {

    private static final String ODD = "line\u2028paragraph\u2029end \u00e9 <&> \u20ac";

    private static Catalog catalog() throws Exception {
        String json = "[{\"Id\":\"" + "a".repeat(64) + "\",\"RepoTags\":[\"app:1\"],\"Labels\":{\"note\":\"" + ODD + "\"}},"
                + "{\"Id\":\"" + "b".repeat(64) + "\",\"Created\":\"2024-01-02T03:04:05Z\",\"RepoTags\":[\"app:2\"],"
                + "\"Config\":{\"Labels\":{\"note\":\"" + ODD + "\"},\"Cmd\":[\"" + ODD + "\"]}}]";
        return CatalogLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private static void assertGoEscaped(String body) throws Exception {
        assertTrue(body.contains("line\\u2028paragraph\\u2029end \u00e9 <&> \u20ac"), body);
        assertFalse(body.contains("\u2028") || body.contains("\u2029"), "no raw separator: " + body);
        assertTrue(new ObjectMapper().readTree(body).toString().contains(ODD.substring(0, 4)), "still the same JSON text");
    }

    @Test
    void listAnswersEscapeTheSeparators() throws Exception {
        Catalog catalog = catalog();
        var images = ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH));
        assertEquals(2, images.size());
        for (ResponseShape shape : ResponseShape.values()) {
            assertGoEscaped(new String(DockerJson.images(images, shape), StandardCharsets.UTF_8));
        }
    }

    @Test
    void inspectAnswersEscapeTheSeparators() throws Exception {
        Catalog catalog = catalog();
        for (var image : catalog.images()) {
            assertGoEscaped(new String(InspectJson.image(image, InspectShape.of(ApiVersion.CURRENT), false), StandardCharsets.UTF_8));
            assertGoEscaped(new String(InspectJson.image(image, InspectShape.of(new ApiVersion("1.41")), false), StandardCharsets.UTF_8));
        }
    }

    @Test
    void controlCharactersAreEscapedInLowerCaseHexAndHtmlOnlyWhereGoEscapesIt() {
        byte[] plain = DockerJson.write(64, json -> json.writeString("a\u001fb\u0000\b\f\n<&>"));
        assertEquals("\"a\\u001fb\\u0000\\b\\f\\n<&>\"\n", new String(plain, StandardCharsets.UTF_8));
        byte[] html = DockerJson.writeHtmlEscaped(64, json -> json.writeString("\u001b<&>"));
        assertEquals("\"\\u001b\\u003c\\u0026\\u003e\"\n", new String(html, StandardCharsets.UTF_8));
    }
}

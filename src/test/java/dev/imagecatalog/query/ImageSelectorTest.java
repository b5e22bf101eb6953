package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.ImageReference;
import dev.imagecatalog.catalog.InvalidReferenceException;
import dev.imagecatalog.catalog.NoSuchImageException;
import dev.imagecatalog.catalog.TestCatalogs;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Selection over the contract's test-vector catalog (section 8): A tagged ubuntu:14.04 with a
 * digest; I untagged parent of T; T tagged app:1; D untagged without children. Created: A > T > D > I.
 */
class ImageSelectorTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_400_000_500L);
    private static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = TestCatalogs.load(TestCatalogs.VECTORS);
    }

    /** Selects with a raw query string, as the resource does, and names the images A, I, T, D. */
    static String select(String query) {
        ImageQuery q = ImageQuery.from(QueryParameters.parse(query), catalog, NOW);
        return ImageSelector.select(catalog, q).stream().map(s -> name(s.image().id())).collect(Collectors.joining(","));
    }

    static String filters(String json) {
        return "filters=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    private static String name(String id) {
        return switch (id.substring(7, 11)) {
            case "1139" -> "A";
            case "4e9b" -> "I";
            case "ad62" -> "T";
            case "9de6" -> "D";
            default -> id;
        };
    }

    @ParameterizedTest(name = "filters={0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        ''                                          | ''          | A,T,D
        ''                                          | all=1       | A,T,D,I
        {"dangling":{"true":true}}                  | ''          | D
        {"dangling":{"true":true}}                  | all=1       | D
        {"dangling":["false"]}                      | ''          | A,T
        {"dangling":["false"]}                      | all=1       | A,T
        {"reference":{"ubuntu":true}}               | ''          | A
        {"reference":{"ubuntu:14.04":true}}         | ''          | A
        {"reference":{"app":true}}                  | all=1       | T
        ''                                          | filter=ubuntu | A
        """)
    void contractTestVectors(String json, String extra, String expected) {
        assertEquals(expected, select((json.isEmpty() ? "" : filters(json)) + "&" + extra));
    }

    @Test
    void referenceFilterKeepsOnlyMatchingReferences() {
        ImageQuery q = ImageQuery.from(QueryParameters.parse(filters("{\"reference\":{\"ubuntu:14.04\":true}}")), catalog, NOW);
        ImageSummary a = ImageSelector.select(catalog, q).get(0);
        assertEquals(List.of("ubuntu:14.04"), familiar(a.tags()));
        assertEquals(List.of(), a.digests());

        q = ImageQuery.from(QueryParameters.parse(filters("{\"reference\":{\"ubuntu\":true}}")), catalog, NOW);
        a = ImageSelector.select(catalog, q).get(0);
        assertEquals(List.of("ubuntu:14.04"), familiar(a.tags()));
        assertEquals(1, a.digests().size(), "the digest ubuntu@sha256:... matches by its name");
    }

    private static List<String> familiar(List<ImageReference> refs) {
        return refs.stream().map(ImageReference::familiar).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        {"reference":{"docker.io/library/ubuntu":true}}         | A
        {"reference":{"docker.io/library/ubuntu:14.04":true}}   | A
        {"reference":{"docker.io/library/*":true}}              | A,T
        {"reference":{"*":true}}                                | A,T
        {"reference":{"*/*":true}}                              | ''
        {"reference":{"ubuntu@sha256:*":true}}                  | A
        {"reference":{"ap?:1":true,"nothing":true}}             | T
        {"reference":{}}                                        | ''
        {"reference":["ubuntu"]}                                | A
        {"label":{"tier":true}}                                 | A,T
        {"label":{"tier=app":true}}                             | T
        {"label":["tier=base","os=ubuntu"]}                     | A
        {"label":["tier=base","os=debian"]}                     | ''
        {"label":["tier="]}                                     | ''
        {"label":{}}                                            | A,T,D
        {"label!":["tier"]}                                     | D
        {"label!":["tier=app"]}                                 | A,D
        {"label!":["os=debian"]}                                | A,T,D
        {"before":["app:1"]}                                    | D
        {"before":["app:1","ubuntu:14.04"]}                     | D
        {"since":["9de6"]}                                      | A,T
        {"since":["9de6","app:1"]}                              | A
        {"since":["9de6"],"before":["ubuntu:14.04"]}            | T
        {"until":["1400000300"]}                                | D
        {"until":["1400000300.5"]}                              | T,D
        {"until":["200s"]}                                      | D
        {"until":["2014-05-13T16:53:20Z"]}                      | ''
        {"until":["100s"],"before":["ubuntu:14.04"]}            | T,D
        {"dangling":["1"],"label":["tier"]}                     | ''
        {"dangling":["0"],"reference":["app*"]}                 | T
        """)
    void filters(String json, String expected) {
        assertEquals(expected, select(filters(json)));
    }

    @Test
    void allShowsIntermediateImagesThatPassTheFilters() {
        assertEquals("D", select(filters("{\"before\":[\"app:1\"]}")));
        assertEquals("D,I", select(filters("{\"before\":[\"app:1\"]}") + "&all=1"));
        assertEquals("A,T", select(filters("{\"label\":[\"tier\"]}") + "&all=1"), "I has no labels");
    }

    @Test
    void legacyFilterYieldsToAReferenceFilter() {
        assertEquals("T", select(filters("{\"reference\":[\"app\"]}") + "&filter=ubuntu"));
        assertEquals("A", select(filters("{\"label\":[\"tier\"]}") + "&filter=ubuntu"));
    }

    @Test
    void errorsCarryTheDaemonsWords() {
        assertEquals("invalid filter 'nope'", assertThrows(InvalidQueryException.class,
                () -> select(filters("{\"nope\":{\"x\":true}}"))).getMessage());
        assertEquals("invalid filter", assertThrows(InvalidQueryException.class, () -> select("filters=oops")).getMessage());
        assertEquals("invalid filter 'dangling=[maybe]'", assertThrows(InvalidQueryException.class,
                () -> select(filters("{\"dangling\":[\"maybe\"]}"))).getMessage());
        assertEquals("invalid filter 'dangling=[0 1]'", assertThrows(InvalidQueryException.class,
                () -> select(filters("{\"dangling\":[\"1\",\"0\"]}"))).getMessage());
        assertEquals("syntax error in pattern", assertThrows(InvalidQueryException.class,
                () -> select(filters("{\"reference\":[\"[\"]}"))).getMessage());
        assertEquals("syntax error in pattern", assertThrows(InvalidQueryException.class,
                () -> select("filter=%5B")).getMessage());
        assertEquals("No such image: zzz:latest", assertThrows(NoSuchImageException.class,
                () -> select(filters("{\"before\":{\"zzz\":true}}"))).getMessage());
        assertThrows(InvalidReferenceException.class, () -> select(filters("{\"since\":[\"Not Valid\"]}")));
        assertEquals("invalid value for 'until' filter: \"soon\": not a time, a Unix timestamp or a duration",
                assertThrows(InvalidQueryException.class, () -> select(filters("{\"until\":[\"soon\"]}"))).getMessage());
    }

    @Test
    void filterNamesAreCaseSensitive() {
        assertEquals("invalid filter 'Label'", assertThrows(InvalidQueryException.class,
                () -> select(filters("{\"Label\":[\"a\"]}"))).getMessage());
    }

    /** On a large generated catalog, whether the index is used or every image visited, every filter selects the same. */
    @Test
    void theIndexNarrowsButNeverChangesAnAnswer() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 25_000; i++) {
            json.append(i == 0 ? "" : ",").append(String.format(
                    "{\"Id\":\"%064x\",\"ParentId\":\"%s\",\"Created\":%d,\"RepoTags\":%s,\"Labels\":{\"team\":\"t%d\"%s}}",
                    i, i % 7 == 0 && i > 0 ? String.format("sha256:%064x", i - 1) : "", 1_000_000 + (i % 500),
                    i % 5 == 0 ? "[]" : "[\"registry.example.com/team-" + (i % 13) + "/app-" + i + ":1\",\"app-" + i + ":latest\"]",
                    i % 40, i % 3 == 0 ? ",\"tier\":\"base\"" : ""));
        }
        Catalog large = CatalogLoader.load(new java.io.ByteArrayInputStream(json.append("]").toString()
                .getBytes(StandardCharsets.UTF_8)), "generated");
        for (String query : List.of("", "all=1", filters("{\"label\":[\"tier\"]}"), filters("{\"label\":[\"team=t7\"]}"),
                filters("{\"label\":[\"team=t7\",\"tier=base\"]}"), filters("{\"reference\":[\"registry.example.com/team-3/*\"]}"),
                filters("{\"reference\":[\"app-1*\"]}"), filters("{\"reference\":[\"*:latest\"],\"label\":[\"team=t3\"]}"),
                filters("{\"reference\":[\"docker.io/library/app-2*\",\"registry.example.com/team-1?/*\"]}"),
                filters("{\"dangling\":[\"true\"],\"label\":[\"tier\"]}"), filters("{\"label\":[\"nope\"]}"))) {
            ImageQuery q = ImageQuery.from(QueryParameters.parse(query), large, NOW);
            List<String> indexed = ids(ImageSelector.select(large, q, true));
            assertEquals(ids(ImageSelector.select(large, q, false)), indexed, query);
        }
    }

    @Test
    void labelsAloneAreDecidedByTheIndexAsBySelectingImages() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 3_000; i++) { // parents every 7th: untagged ones with children are intermediate
            json.append(i == 0 ? "" : ",").append(String.format(
                    "{\"Id\":\"%064x\",\"ParentId\":\"%s\",\"Created\":%d,\"RepoTags\":%s,\"RepoDigests\":%s,\"Labels\":%s}",
                    i, i % 7 == 0 && i > 0 ? String.format("sha256:%064x", i - 1) : "", 1_000_000 + (i % 50),
                    i % 5 == 0 ? "[]" : "[\"app-" + i + ":1\"]", i % 10 == 3 ? "[\"app-" + i + "@sha256:" + String.format("%064x", i) + "\"]" : "[]",
                    i % 11 == 0 ? "null" : i % 13 == 0 ? "{}" : "{\"team\":\"t" + (i % 4) + "\"" + (i % 3 == 0 ? ",\"tier\":\"\"" : "") + "}"));
        }
        Catalog large = CatalogLoader.load(new java.io.ByteArrayInputStream(json.append("]").toString()
                .getBytes(StandardCharsets.UTF_8)), "generated");
        java.util.Set<Integer> listedUnfiltered = ImageSelector.select(large, ImageQuery.from(QueryParameters.parse(""), large, NOW))
                .stream().map(ImageSummary::position).collect(Collectors.toSet());
        int decided = 0;
        for (String labels : List.of("[\"tier\"]", "[\"tier=\"]", "[\"team=t1\"]", "[\"team\",\"tier\"]", "[\"team=t2\",\"team=t3\"]",
                "[\"nope\"]", "[\"team=\"]")) {
            for (String all : List.of("", "&all=1", "&all=0")) {
                ImageQuery q = ImageQuery.from(QueryParameters.parse(filters("{\"label\":" + labels + "}") + all), large, NOW);
                int[] labelled = ImageSelector.labelledAlone(large, q);
                int[] expected = ImageSelector.select(large, q, false).stream().mapToInt(ImageSummary::position).toArray();
                assertArrayEquals(expected, ImageSelector.listedByLabels(labelled, q, listedUnfiltered::contains), labels + all);
                decided += expected.length;
            }
        }
        assertTrue(decided > 3_000, "the labels list images, intermediate ones among them with all: " + decided);
        for (String other : List.of("{\"label\":[\"tier\"],\"dangling\":[\"false\"]}", "{\"label\":[\"tier\"],\"label!\":[\"team=t1\"]}",
                "{\"label\":[\"tier\"],\"reference\":[\"app-1*\"]}", "{\"label\":[\"tier\"],\"until\":[\"1000020\"]}",
                "{\"label\":[\"tier\"],\"since\":[\"" + String.format("%064x", 5) + "\"]}", "{\"dangling\":[\"true\"]}", "{}")) {
            assertNull(ImageSelector.labelledAlone(large, ImageQuery.from(QueryParameters.parse(filters(other)), large, NOW)),
                    other + ": another filter needs the images");
        }
    }

    private static List<String> ids(List<ImageSummary> selected) {
        return selected.stream().map(s -> s.image().id() + s.tags() + s.digests()).toList();
    }
}

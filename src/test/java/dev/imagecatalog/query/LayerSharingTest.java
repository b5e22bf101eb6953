package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docker system df's layer counting over ParentId chains, 20.10's and 22.06's (issue 24). */
class LayerSharingTest {

    private static String id(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static String image(char c, Character parent, String tags, long size, long created) {
        return "{\"Id\":\"sha256:" + id(c) + "\",\"ParentId\":\"" + (parent == null ? "" : "sha256:" + id(parent)) + "\",\"RepoTags\":"
                + tags + ",\"Size\":" + size + ",\"Created\":" + created + "}";
    }

    private static Map<String, Long> shared(Catalog catalog, boolean allImages, long[] layersSize) {
        List<ImageSummary> listed = ImageSelector.select(catalog, ImageQuery.from(QueryParameters.parse(""), catalog, Instant.EPOCH));
        LayerSharing sharing = LayerSharing.of(catalog, listed, allImages);
        layersSize[0] = sharing.layersSize();
        return java.util.stream.IntStream.range(0, listed.size()).boxed()
                .collect(Collectors.toMap(i -> listed.get(i).image().id().substring(7, 8), sharing::sharedSize));
    }

    @Test
    void aChainThroughAnIntermediateImage() throws Exception {
        // b (tagged, 100) <- i (intermediate, 130) <- a (tagged, 150); c unrelated (pulled, 40); d dangling on b (110)
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(("[" + image('b', null, "[\"base:1\"]", 100, 1) + ","
                + image('e', 'b', "null", 130, 2) + "," + image('a', 'e', "[\"app:1\"]", 150, 3) + ","
                + image('c', null, "[\"other:1\"]", 40, 4) + "," + image('d', 'b', "null", 110, 5) + "]").getBytes(StandardCharsets.UTF_8)), "t");
        long[] layers = new long[1];
        // 20.10: users are the listed images (b, a, c, d): b's layer has three, e's only a.
        assertEquals(Map.of("b", 100L, "a", 100L, "c", 0L, "d", 100L), shared(catalog, false, layers));
        assertEquals(100 + 30 + 20 + 40 + 10, layers[0], "each layer once, the intermediate one's too");
        // 22.06 and later: every image uses its chain, so e's layer is shared by e and a.
        assertEquals(Map.of("b", 100L, "a", 130L, "c", 0L, "d", 100L), shared(catalog, true, layers));
        assertEquals(200, layers[0]);
    }

    @Test
    void aParentOutsideTheCatalogOrALoopCountsNothingTwice() throws Exception {
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(("[" + image('a', 'z', "[\"a:1\"]", 50, 1) + ","
                + image('b', 'c', "[\"b:1\"]", 70, 2) + "," + image('c', 'b', "[\"c:1\"]", 60, 3) + "]").getBytes(StandardCharsets.UTF_8)), "t");
        long[] layers = new long[1];
        Map<String, Long> shared = shared(catalog, true, layers);
        assertEquals(0L, shared.get("a"));
        assertEquals(50 + 10 + 0, layers[0], "a: 50 of its own; b over c: 10; c over b: none");
    }

    /** The 1.23 documentation's busybox: Size 0 (its own layer, as old daemons counted) over a 2,429,728-byte parent. */
    @Test
    void anImageSmallerThanItsParentSharesNoMoreThanItsSize() throws Exception {
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(("[" + image('a', null, "[\"base:1\"]", 2429728, 1) + ","
                + image('b', 'a', "[\"small:1\"]", 0, 2) + "," + image('c', 'a', "[\"mid:1\"]", 1000, 3) + ","
                + image('d', 'a', "[\"large:1\"]", 3000000, 4) + "]").getBytes(StandardCharsets.UTF_8)), "t");
        long[] layers = new long[1];
        for (boolean allImages : new boolean[] {false, true}) {
            Map<String, Long> shared = shared(catalog, allImages, layers);
            assertEquals(0L, shared.get("b"));
            assertEquals(1000L, shared.get("c"), "no more than its size");
            assertEquals(2429728L, shared.get("d"), "a larger image shares its parent's layer whole");
            assertEquals(2429728L, shared.get("a"));
        }
    }
}

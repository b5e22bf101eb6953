package dev.imagecatalog.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The index of the test-vector catalog: A (ubuntu:14.04), I (parent of T), T (app:1), D (dangling). */
class CatalogTest {

    static final String A = "sha256:1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8";
    static final String I = "sha256:4e9bdbfd87ba5cbe69f968119af2f2e4531c50fbd0d231cdbbe04f3996583a66";
    static final String T = "sha256:ad6202492125ac3241ab732b4a5e59815cf37e8770b1b0297752cb809107c08b";
    static final String D = "sha256:9de67e0176221a88835fb3465cfac04f3fb0c8fd6d65f6eced13f29065163c82";
    static final String A_DIGEST = "sha256:ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3";

    static Catalog vectors;

    @BeforeAll
    static void load() {
        vectors = TestCatalogs.load(TestCatalogs.VECTORS);
    }

    @Test
    void imagesComeNewestFirst() {
        assertEquals(List.of(A, T, D, I), vectors.images().stream().map(CatalogImage::id).toList());
    }

    @Test
    void childrenAreDerivedFromParentIds() {
        assertTrue(image(I).hasChildren());
        assertFalse(image(T).hasChildren());
        assertFalse(image(A).hasChildren());
    }

    @Test
    void placeholdersAndFullNamesAreNormalised() {
        assertEquals(List.of(), image(I).tags());
        assertEquals(List.of(), image(I).digests());
        assertEquals("ubuntu:14.04", image(A).tags().get(0).familiar());
        assertEquals("ubuntu@" + A_DIGEST, image(A).digests().get(0).familiar());
    }

    @Test
    void idsWrittenWithoutPrefixAreTheSameIds() throws IOException {
        String parent = "4e9bdbfd87ba5cbe69f968119af2f2e4531c50fbd0d231cdbbe04f3996583a66";
        String child = "ad6202492125ac3241ab732b4a5e59815cf37e8770b1b0297752cb809107c08b";
        String json = "[{\"Id\":\"" + parent + "\",\"Created\":1},"
                + "{\"Id\":\"sha256:" + child + "\",\"ParentId\":\"" + parent + "\",\"Created\":2}]";
        Catalog catalog = CatalogLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline");
        assertEquals(parent, catalog.byId("sha256:" + parent).id(), "as written in the catalog");
        assertEquals(parent, catalog.byId(parent).id());
        assertEquals(parent, catalog.byUniqueIdPrefix("sha256:4e9b").id());
        assertEquals("sha256:" + child, catalog.byId(child).id());
        assertTrue(catalog.byId(parent).hasChildren(), "a parent named with the prefix, an id written without");
    }

    @Test
    void anAmbiguousPrefixNamesNoImage() throws IOException {
        // A and ... share no prefix, so build a catalog where two ids share one.
        Catalog twins = CatalogLoader.load(new java.io.ByteArrayInputStream(("["
                + "{\"Id\":\"abc1" + "0".repeat(60) + "\"},"
                + "{\"Id\":\"abc2" + "0".repeat(60) + "\"}]").getBytes()), "twins");
        assertNull(twins.byUniqueIdPrefix("sha256:abc"), "two ids start with it");
        assertEquals("abc1" + "0".repeat(60), twins.byUniqueIdPrefix("sha256:abc1").id());
        assertNull(twins.byUniqueIdPrefix("sha256:abd"), "no id starts with it");
    }

    private static CatalogImage image(String id) {
        return vectors.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }
}

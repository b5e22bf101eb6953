package dev.imagecatalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.InvalidReferenceException;
import dev.imagecatalog.catalog.NoSuchImageException;
import dev.imagecatalog.catalog.TestCatalogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Name resolution (section 10.2 of the contract), on the test-vector catalog in both of its forms:
 * A (ubuntu:14.04 with a digest), I (untagged parent of T), T (app:1), D (untagged).
 */
class ImageNamesTest {

    static final String A = "sha256:1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f8";
    static final String T = "sha256:ad6202492125ac3241ab732b4a5e59815cf37e8770b1b0297752cb809107c08b";
    static final String A_DIGEST = "sha256:ddf7c1f61a622310f266528a909c0c9f126ac7ddb4e5536bd1fd405f4214a2e3";

    private static String id(String catalog, String name) {
        return ImageNames.resolve(TestCatalogs.load(catalog), name).id();
    }

    private static String notFound(String catalog, String name) {
        return assertThrows(NoSuchImageException.class, () -> ImageNames.resolve(TestCatalogs.load(catalog), name)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void aFullIdWithOrWithoutPrefix(String catalog) {
        assertEquals(A, id(catalog, A));
        assertEquals(A, id(catalog, A.substring("sha256:".length())));
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void aFullIdNamesThatImageOrNothingNeverAPrefixOrADigest(String catalog) {
        String missing = "1139fe385dafd71cbac35a0f2e7fce0c218b36f355d8f4f0419a9affca37e5f0";
        assertEquals("No such image: sha256:" + missing, notFound(catalog, missing), "one digit off A's id: no prefix search");
        assertEquals("No such image: " + A_DIGEST, notFound(catalog, A_DIGEST), "a manifest digest alone is not an id");
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void referencesByTagInEveryDockerHubSpelling(String catalog) {
        for (String name : new String[] {"ubuntu:14.04", "library/ubuntu:14.04", "docker.io/ubuntu:14.04",
            "docker.io/library/ubuntu:14.04", "index.docker.io/library/ubuntu:14.04"}) {
            assertEquals(A, id(catalog, name), name);
        }
        assertEquals(T, id(catalog, "app:1"));
        assertEquals("No such image: app:1.0", notFound(catalog, "app:1.0"));
        assertEquals("No such image: localhost/app:1", notFound(catalog, "localhost/app:1"), "another registry is another name");
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void withADigestTheTagIsIgnored(String catalog) {
        assertEquals(A, id(catalog, "ubuntu@" + A_DIGEST));
        assertEquals(A, id(catalog, "ubuntu:14.04@" + A_DIGEST));
        assertEquals(A, id(catalog, "ubuntu:no-such-tag@" + A_DIGEST));
        assertEquals(A, id(catalog, "docker.io/library/ubuntu@" + A_DIGEST));
        String other = "sha256:" + "0".repeat(64);
        assertEquals("No such image: ubuntu:14.04@" + other, notFound(catalog, "ubuntu:14.04@" + other));
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void aBareNameMeansLatest(String catalog) {
        assertEquals("No such image: ubuntu:latest", notFound(catalog, "ubuntu"));
        assertEquals("No such image: zzz:latest", notFound(catalog, "zzz"));
        assertEquals("No such image: acme/x:2", notFound(catalog, "docker.io/acme/x:2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void aUniqueIdPrefixOfAnyLengthWithOrWithoutSha256(String catalog) {
        assertEquals(A, id(catalog, "1139fe385daf"));
        assertEquals(A, id(catalog, "sha256:1139fe385daf"));
        assertEquals(A, id(catalog, "1"));
        assertEquals(T, id(catalog, "ad62"));
        assertEquals(T, id(catalog, "sha256:a"));
        assertEquals(A, id(catalog, A.substring(7, 70)), "63 digits");
        assertEquals("No such image: 1139fe385dab:latest", notFound(catalog, "1139fe385dab"));
        assertEquals("No such image: sha256:1139fe385dab", notFound(catalog, "sha256:1139fe385dab"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TestCatalogs.VECTORS, TestCatalogs.VECTORS_INSPECT})
    void malformedNamesAreInvalidReferences(String catalog) {
        assertEquals("invalid reference format: repository name (library/UPPER) must be lowercase",
                assertThrows(InvalidReferenceException.class, () -> id(catalog, "UPPER")).getMessage());
        assertThrows(InvalidReferenceException.class, () -> id(catalog, ""));
        assertThrows(InvalidReferenceException.class, () -> id(catalog, "a b"));
        assertThrows(InvalidReferenceException.class, () -> id(catalog, "ubuntu@sha256:abc"));
        assertThrows(InvalidReferenceException.class, () -> id(catalog, "1139FE385DAF"), "upper-case hex is no id prefix");
    }

    @org.junit.jupiter.api.Test
    void anAmbiguousPrefixNamesNoImageButAReferenceWinsOverAPrefix() throws IOException {
        String abc1 = "abc1" + "0".repeat(60);
        String abc2 = "abc2" + "0".repeat(60);
        String json = "[{\"Id\":\"" + abc1 + "\",\"RepoTags\":[\"abc:latest\"]},{\"Id\":\"" + abc2 + "\",\"RepoTags\":[\"abc2:latest\"]}]";
        Catalog twins = CatalogLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "twins");
        assertEquals("No such image: ab:latest",
                assertThrows(NoSuchImageException.class, () -> ImageNames.resolve(twins, "ab")).getMessage());
        assertEquals(abc1, ImageNames.resolve(twins, "abc1").id());
        assertEquals(abc1, ImageNames.resolve(twins, "abc").id(), "abc:latest is a reference of the first image");
        assertEquals(abc2, ImageNames.resolve(twins, "abc2").id(), "abc2:latest, which is also the second's prefix");
    }

    @org.junit.jupiter.api.Test
    void aPlatformWhoseFeaturesAreNoListIsRefused() {
        assertEquals("failed to parse platform: json: cannot unmarshal string into Go struct field Platform.os.features of type []string",
                assertThrows(InvalidQueryException.class,
                        () -> Platform.parse("{\"os\":\"linux\",\"architecture\":\"amd64\",\"os.features\":\"x\"}")).getMessage());
        assertEquals("both OS and Architecture must be provided",
                assertThrows(InvalidQueryException.class, () -> Platform.parse("{\"os\":\"linux\"}")).getMessage());
        assertEquals("optional platform fields provided, but OS and Architecture are missing",
                assertThrows(InvalidQueryException.class, () -> Platform.parse("{\"variant\":\"v8\"}")).getMessage());
        assertTrue(Platform.parse("{\"OS\":\"linux\",\"architecture\":\"x86_64\"}").matches("linux", "amd64"));
    }

    @org.junit.jupiter.api.Test
    void idPrefixesAreLowerCaseHexOptionallyAfterSha256() {
        assertTrue(ImageNames.isIdPrefix("a"));
        assertTrue(ImageNames.isIdPrefix("sha256:0f"));
        assertFalse(ImageNames.isIdPrefix("sha256:"));
        assertFalse(ImageNames.isIdPrefix("abg"));
        assertFalse(ImageNames.isIdPrefix("ABC"));
        assertFalse(ImageNames.isIdPrefix("sha512:ab"));
    }
}

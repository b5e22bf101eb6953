package dev.imagecatalog.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Catalogs of the test resources, loaded through the real loader. */
public final class TestCatalogs {

    /** The contract's test-vector catalog (section 8), file {@code catalogs/vectors.json}. */
    public static final String VECTORS = "/catalogs/vectors.json";
    /** The same images as an inspect-form catalog ({@code docker image inspect}), file {@code catalogs/vectors-inspect.json}. */
    public static final String VECTORS_INSPECT = "/catalogs/vectors-inspect.json";

    private TestCatalogs() {
    }

    public static Catalog load(String resource) {
        try (InputStream in = TestCatalogs.class.getResourceAsStream(resource)) {
            return CatalogLoader.load(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

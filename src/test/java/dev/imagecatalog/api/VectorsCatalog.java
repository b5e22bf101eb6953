package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Serves the contract's test-vector catalog (section 8) through {@code catalog.path}, as a user would. */
public class VectorsCatalog implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("catalog.path", Path.of("src/test/resources/catalogs/vectors.json").toAbsolutePath().toString());
    }
}

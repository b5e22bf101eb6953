package dev.imagecatalog.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Serves the test-vector catalog in the inspect form ({@code docker image inspect} output), as a user would. */
public class VectorsInspectCatalog implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("catalog.path", Path.of("src/test/resources/catalogs/vectors-inspect.json").toAbsolutePath().toString());
    }
}

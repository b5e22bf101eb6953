package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.UnfilteredAnswers;

import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The test catalogs compiled into snapshots (as compile-catalog does), served through {@code catalog.path}. */
public final class SnapshotCatalogs {

    private SnapshotCatalogs() {
    }

    /** Compiles a catalog of src/test/resources/catalogs into target/snapshots and returns the snapshot's path. */
    static String compiled(String name) {
        try {
            Path json = Path.of("src/test/resources/catalogs", name).toAbsolutePath();
            Path snapshot = Files.createDirectories(Path.of("target", "snapshots")).resolve(name + ".snapshot").toAbsolutePath();
            var catalog = CatalogLoader.load(json);
            Snapshot.write(catalog, UnfilteredAnswers.compiledAnswer(catalog), snapshot); // as compile-catalog does
            return snapshot.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract's test vectors, list form, as a snapshot. */
    public static class Vectors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.path", compiled("vectors.json"));
        }
    }

    /** The same vectors in the inspect form, as a snapshot. */
    public static class VectorsInspect implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.path", compiled("vectors-inspect.json"));
        }
    }
}

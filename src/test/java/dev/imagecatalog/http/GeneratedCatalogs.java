package dev.imagecatalog.http;

import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.catalog.CatalogLoader;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Catalogs of the benchmark's generator (bench/GenerateCatalog.java), made for a test as the benchmark makes them. */
public final class GeneratedCatalogs {

    private GeneratedCatalogs() {
    }

    /** Writes a catalog of this many images to the file, with the running JVM's java. */
    public static Path generate(int images, Path file) throws IOException, InterruptedException {
        Process generate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "bench/GenerateCatalog.java", Integer.toString(images), file.toString()).inheritIO().start();
        if (generate.waitFor() != 0) {
            throw new IllegalStateException("bench/GenerateCatalog.java failed for " + images + " images");
        }
        return file;
    }

    /**
     * A generated catalog of this many images in {@code target/snapshots/NAME.json}, compiled as
     * compile-catalog does into {@code NAME.snapshot} beside it (for a test profile's catalog.path).
     */
    public static Path compiledSnapshot(int images, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "snapshots")).toAbsolutePath();
            var catalog = CatalogLoader.load(generate(images, dir.resolve(name + ".json")));
            Path snapshot = dir.resolve(name + ".snapshot");
            Snapshot.write(catalog, UnfilteredAnswers.compiledAnswer(catalog), snapshot);
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

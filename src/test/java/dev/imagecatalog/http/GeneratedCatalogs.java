package dev.imagecatalog.http;

import java.io.IOException;
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
}

package dev.imagecatalog.catalog;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import dev.imagecatalog.catalog.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the catalog comes from: {@code catalog.path} (JSON in either form, or a snapshot compiled by
 * {@code compile-catalog}), else the bundled sample.
 */
@Singleton
public class CatalogSource {

    /** The bundled sample; listed in {@code quarkus.native.resources.includes} too. */
    public static final String BUNDLED_CATALOG = "catalog/sample-catalog.json";

    private final Optional<Path> path;
    /** The version of the file that the startup load read (taken before reading it), for the reloader. */
    private volatile CatalogReloader.FileStamp loaded;

    public CatalogSource(@ConfigProperty(name = "catalog.path") Optional<Path> configured) {
        this.path = configured.map(p -> resolve(p, System.getenv("LAMBDA_TASK_ROOT")));
    }

    /** The configured file, if any (the bundled sample is not a file and never changes). */
    public Optional<Path> path() {
        return path;
    }

    /** What the log and messages call it. */
    public String description() {
        return path.map(Path::toString).orElse("classpath:" + BUNDLED_CATALOG + " (bundled sample)");
    }

    /**
     * Reads and checks the whole catalog.
     *
     * @throws CatalogException the one-line reason it cannot be served
     */
    public Catalog load() {
        if (path.isEmpty()) {
            return loadBundled();
        }
        loaded = CatalogReloader.stampOrNull(path.get());
        return loadFile(path.get());
    }

    /**
     * The configured file opened as a snapshot (its header checked, its sections read on first
     * use), or null when it is JSON or there is no file.
     *
     * @param onDamage told when a section read later is found damaged
     * @throws CatalogException a snapshot that cannot be served
     */
    Snapshot.Opened openSnapshot(Consumer<CatalogException> onDamage) {
        if (path.isEmpty() || !Snapshot.isSnapshot(path.get())) {
            return null;
        }
        loaded = CatalogReloader.stampOrNull(path.get());
        return Snapshot.open(path.get(), onDamage);
    }

    /** A catalog file, read and checked whole: a compiled snapshot (told by its first bytes), else JSON in either form. */
    public static Catalog loadFile(Path file) {
        return Snapshot.isSnapshot(file) ? Snapshot.read(file) : CatalogLoader.load(file);
    }

    /** The version of the file the last {@link #load()} read; null before it or for the bundled sample. */
    CatalogReloader.FileStamp loadedStamp() {
        return loaded;
    }

    /** On AWS Lambda a relative path names a file shipped in the function's zip, under its task root. */
    static Path resolve(Path configured, String lambdaTaskRoot) {
        if (configured.isAbsolute() || lambdaTaskRoot == null || lambdaTaskRoot.isBlank()) {
            return configured;
        }
        return Path.of(lambdaTaskRoot).resolve(configured);
    }

    private static Catalog loadBundled() {
        String source = "classpath:" + BUNDLED_CATALOG;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED_CATALOG)) {
            if (in == null) {
                throw new CatalogException(source, "missing from the application");
            }
            return CatalogLoader.load(in, source);
        } catch (IOException e) {
            throw new CatalogException(source, "cannot be read: " + e.getMessage());
        }
    }
}

package dev.imagecatalog.catalog;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Loads the catalog once, at startup: from {@code catalog.path}, else the bundled sample. */
@ApplicationScoped
public class CatalogProducer {

    /** The bundled sample; listed in {@code quarkus.native.resources.includes} too. */
    public static final String BUNDLED_CATALOG = "catalog/sample-catalog.json";

    private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

    @Produces
    @Singleton
    @Startup
    Catalog catalog(@ConfigProperty(name = "catalog.path") Optional<Path> configured) {
        long start = System.nanoTime();
        Optional<Path> path = configured.map(p -> resolve(p, System.getenv("LAMBDA_TASK_ROOT")));
        String source = path.map(Path::toString).orElse("classpath:" + BUNDLED_CATALOG + " (bundled sample)");
        try {
            Catalog catalog = path.isPresent() ? CatalogLoader.load(path.get()) : loadBundled();
            LOG.infof("Loaded %d images from %s in %d ms", catalog.size(), source, (System.nanoTime() - start) / 1_000_000);
            return catalog;
        } catch (CatalogException e) {
            // Quarkus prints a ConfigurationException's message alone and exits 1: one clear line, no trace.
            throw new ConfigurationException(e.getMessage());
        }
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

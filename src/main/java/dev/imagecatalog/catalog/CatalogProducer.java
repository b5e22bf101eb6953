package dev.imagecatalog.catalog;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the catalog once, at startup: from {@code catalog.path}, else the bundled sample.
 *
 * <p>The load starts on its own thread as soon as the bean container is up, while Quarkus goes on
 * setting up the HTTP layer and REST endpoints (a few hundred milliseconds of start-up that a large
 * catalog's load would otherwise follow); the catalog is waited for where it is first needed, before
 * the HTTP server opens.
 */
@ApplicationScoped
public class CatalogProducer {

    /** The bundled sample; listed in {@code quarkus.native.resources.includes} too. */
    public static final String BUNDLED_CATALOG = "catalog/sample-catalog.json";

    private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

    private final Optional<Path> configured;
    private CompletableFuture<Catalog> loading;

    CatalogProducer(@ConfigProperty(name = "catalog.path") Optional<Path> configured) {
        this.configured = configured;
    }

    void startLoading(@Observes @Initialized(ApplicationScoped.class) Object containerStarted) {
        loading();
    }

    private synchronized CompletableFuture<Catalog> loading() {
        if (loading == null) {
            loading = new CompletableFuture<>();
            Thread loader = new Thread(() -> {
                try {
                    loading.complete(load());
                } catch (Throwable e) {
                    loading.completeExceptionally(e);
                }
            }, "catalog-loader");
            loader.setDaemon(true);
            loader.start();
        }
        return loading;
    }

    @Produces
    @Singleton
    @Startup
    Catalog catalog() {
        try {
            return loading().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CatalogException refused) {
                // Quarkus prints a ConfigurationException's message alone and exits 1: one clear line, no trace.
                throw new ConfigurationException(refused.getMessage());
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Catalog load() {
        long start = System.nanoTime();
        Optional<Path> path = configured.map(p -> resolve(p, System.getenv("LAMBDA_TASK_ROOT")));
        String source = path.map(Path::toString).orElse("classpath:" + BUNDLED_CATALOG + " (bundled sample)");
        Catalog catalog = path.isPresent() ? CatalogLoader.load(path.get()) : loadBundled();
        LOG.infof("Loaded %d images from %s in %d ms", catalog.size(), source, (System.nanoTime() - start) / 1_000_000);
        return catalog;
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
        try (InputStream in = CatalogProducer.class.getClassLoader().getResourceAsStream(BUNDLED_CATALOG)) {
            if (in == null) {
                throw new CatalogException(source, "missing from the application");
            }
            return CatalogLoader.load(in, source);
        } catch (IOException e) {
            throw new CatalogException(source, "cannot be read: " + e.getMessage());
        }
    }
}

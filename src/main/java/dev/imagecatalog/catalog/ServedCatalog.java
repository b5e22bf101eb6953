package dev.imagecatalog.catalog;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The catalog being served. A request reads {@link #current()} once and works on that catalog to
 * the end (everything derived from it lives in it: indexes, stored answers), so that a reload,
 * which replaces it in one step, is never seen half-way.
 */
@Singleton
@Startup
public class ServedCatalog {

    private static final Logger LOG = Logger.getLogger(ServedCatalog.class);

    private final List<Consumer<Catalog>> preparers = new CopyOnWriteArrayList<>();
    private volatile Catalog current;

    /** Loads the catalog at startup; one that cannot be served stops the service with its one-line reason. */
    ServedCatalog(CatalogSource source) {
        long start = System.nanoTime();
        try {
            current = source.load();
        } catch (CatalogException e) {
            // Quarkus prints a ConfigurationException's message alone and exits 1: one clear line, no trace.
            throw new ConfigurationException(e.getMessage());
        }
        LOG.infof("Loaded %d images from %s in %d ms", current.size(), source.description(), (System.nanoTime() - start) / 1_000_000);
    }

    /** The catalog to answer a request from. */
    public Catalog current() {
        return current;
    }

    /**
     * Work to do on a newly loaded catalog before it is served (such as rendering the answer most
     * requests ask for), so that the first requests after a reload do not wait for it.
     */
    public void beforeServing(Consumer<Catalog> preparer) {
        preparers.add(preparer);
    }

    /** Serves another catalog from now on: prepared first, then swapped in one step. */
    void replace(Catalog next) {
        for (Consumer<Catalog> preparer : preparers) {
            try {
                preparer.accept(next);
            } catch (RuntimeException e) {
                // Nothing is lost: a request renders what was not prepared (and reports what goes wrong).
                LOG.warnf("Could not prepare the new catalog ahead of requests: %s", e.toString());
            }
        }
        current = next;
    }
}

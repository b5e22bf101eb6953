package dev.imagecatalog.catalog;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
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
    /** A snapshot's images being decoded after start; null once there is a catalog (or for JSON). */
    private final CompletableFuture<Catalog> decoding;
    /** A snapshot's compiled default answer, at hand before its images are decoded; else null. */
    private volatile Catalog.CompiledAnswer earlyDefaultAnswer;

    /**
     * Loads the catalog at startup; one that cannot be served stops the service with its one-line
     * reason. A snapshot is checked whole (header and checksum) before the service opens, and its
     * images are decoded on a thread of their own meanwhile: its compiled default answer can be
     * served at once, and whatever needs the images waits for them.
     */
    @Inject
    ServedCatalog(CatalogSource source, CatalogStatus status) {
        this(source, status, task -> {
            Thread decoder = new Thread(task, "catalog-decode");
            decoder.setDaemon(true);
            decoder.start();
        });
    }

    ServedCatalog(CatalogSource source) {
        this(source, new CatalogStatus());
    }

    /**
     * @param decoder runs a snapshot's decoding (a thread of its own; a test may hold it back)
     */
    public ServedCatalog(CatalogSource source, CatalogStatus status, Executor decoder) {
        long start = System.nanoTime();
        Snapshot.Opened snapshot;
        try {
            snapshot = source.openSnapshot();
            if (snapshot == null) {
                current = source.load();
            }
        } catch (CatalogException e) {
            // Quarkus prints a ConfigurationException's message alone and exits 1: one clear line, no trace.
            throw new ConfigurationException(e.getMessage());
        }
        if (snapshot == null) {
            decoding = null;
            earlyDefaultAnswer = null;
            status.started(source.description(), current.size(), Instant.now());
            CatalogLog.loaded(source.description(), current.size(), (System.nanoTime() - start) / 1_000_000, "");
            return;
        }
        earlyDefaultAnswer = snapshot.defaultAnswer();
        decoding = new CompletableFuture<>();
        decoder.execute(() -> {
            try {
                Catalog decoded = snapshot.decode();
                status.started(source.description(), decoded.size(), Instant.now()); // before it serves: ready means described
                current = decoded;
                earlyDefaultAnswer = null; // the catalog's own stored answers serve from now on
                decoding.complete(decoded);
                CatalogLog.loaded(source.description(), decoded.size(), (System.nanoTime() - start) / 1_000_000, " (a snapshot)");
            } catch (Throwable e) {
                // A snapshot whose checksum held but whose images cannot be read (or no memory for them):
                // a catalog that cannot be served stops the service, as at startup, rather than half-serve.
                LOG.errorf("Cannot serve catalog snapshot %s: %s", source.description(), e.toString());
                decoding.completeExceptionally(e);
                Quarkus.asyncExit(1);
            }
        });
    }

    /** The catalog to answer a request from; right after a snapshot starts, waits for its images. */
    public Catalog current() {
        Catalog catalog = current;
        return catalog != null ? catalog : decoding.join();
    }

    /** Whether {@link #current()} answers without waiting. */
    public boolean isReady() {
        return current != null;
    }

    /** A snapshot's compiled default answer while its images are still being decoded, else null. */
    public Catalog.CompiledAnswer earlyDefaultAnswer() {
        return earlyDefaultAnswer;
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

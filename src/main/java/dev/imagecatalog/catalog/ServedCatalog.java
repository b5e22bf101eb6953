package dev.imagecatalog.catalog;

import dev.imagecatalog.catalog.snapshot.Snapshot;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    /** How long after start a snapshot's sections that no request read yet are checked: the first requests go first. */
    private static final long CHECK_AFTER_MS = 1_000;

    private final List<Consumer<Catalog>> preparers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Catalog, Catalog>> followers = new CopyOnWriteArrayList<>();
    private volatile Catalog current;
    /** Damage found in the snapshot served since start; the first is reported. */
    private final AtomicReference<CatalogException> damage = new AtomicReference<>();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean serving;
    /** The snapshot opened at start (damage found in it stops the service while it is served), or null. */
    private volatile Catalog openedSnapshot;
    private final Runnable stop;

    /**
     * Loads the catalog at startup; one that cannot be served stops the service with its one-line
     * reason. A snapshot is served as soon as its header is checked: each section is read and
     * checked when a request first needs it, and those no request read are checked in the
     * background a second after start ({@code catalog-check}; not with {@code
     * catalog.snapshot-check=on-use}). Damage found after start stops the service with its one
     * line (the request that met it fails), as at startup.
     */
    @Inject
    ServedCatalog(CatalogSource source, CatalogStatus status,
            @ConfigProperty(name = "catalog.snapshot-check", defaultValue = "background") SnapshotCheck check) {
        this(source, status, check == SnapshotCheck.BACKGROUND ? ServedCatalog::checkInBackground : task -> {
            // each section is checked as a request first reads it
        });
    }

    /** When a snapshot's sections that no request has read yet are read and checked. */
    public enum SnapshotCheck {
        /** A second after start, on a thread of its own. */
        BACKGROUND,
        /** Only as requests first read them (each still checked before it is used). */
        ON_USE
    }

    private static void checkInBackground(Runnable task) {
        Thread checker = new Thread(() -> {
            try {
                Thread.sleep(CHECK_AFTER_MS);
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (CatalogException e) {
                // Damage is reported as such (and stops the service); anything else leaves the rest to the requests.
                LOG.debugf("The background check of the snapshot ended: %s", e.getMessage());
            }
        }, "catalog-check");
        checker.setDaemon(true);
        checker.start();
    }

    /** Checks a snapshot's sections at once (tests). */
    ServedCatalog(CatalogSource source) {
        this(source, new CatalogStatus(), Runnable::run);
    }

    /**
     * @param checker runs the check of a snapshot's sections not read yet (a thread of its own; a
     *                test may run it at once, or hold it back)
     */
    public ServedCatalog(CatalogSource source, CatalogStatus status, Executor checker) {
        this(source, status, checker, () -> Quarkus.asyncExit(1));
    }

    /** @param stop stops the service (once damage is found in the snapshot it serves) */
    ServedCatalog(CatalogSource source, CatalogStatus status, Executor checker, Runnable stop) {
        this.stop = stop;
        long start = System.nanoTime();
        Snapshot.Opened snapshot;
        try {
            snapshot = source.openSnapshot(this::damaged);
            current = snapshot != null ? snapshot.catalog() : source.load();
            openedSnapshot = snapshot != null ? current : null;
            status.started(source.description(), current.size(), Instant.now());
            CatalogLog.loaded(source.description(), current.size(), (System.nanoTime() - start) / 1_000_000,
                    snapshot != null ? " (a snapshot)" : "");
            if (snapshot != null) {
                Catalog opened = current;
                checker.execute(() -> {
                    if (current == opened) {
                        snapshot.readAll();
                    } else {
                        snapshot.close(); // replaced by a reload meanwhile: nothing more to read from it
                    }
                });
            }
            if (damage.get() != null) {
                throw damage.get();
            }
        } catch (CatalogException e) {
            // Quarkus prints a ConfigurationException's message alone and exits 1: one clear line, no trace.
            throw new ConfigurationException(e.getMessage());
        }
        serving = true;
        if (damage.get() != null) {
            report(damage.get()); // found by the check while the start finished
        }
    }

    /**
     * A section of the snapshot served since start is damaged: it stops the service with the one
     * line (once), as it would have stopped the start, rather than half-serve.
     */
    private void damaged(CatalogException e) {
        if (damage.compareAndSet(null, e) && serving) {
            report(e);
        }
    }

    private void report(CatalogException e) {
        if (current != openedSnapshot) {
            return; // replaced by a reload: the damaged file is not served any more
        }
        if (reported.compareAndSet(false, true)) {
            LOG.error(e.getMessage());
            stop.run();
        }
    }

    /** The catalog to answer a request from. */
    public Catalog current() {
        return current;
    }

    /** Whether {@link #current()} answers (always, once started; kept for the readiness check). */
    public boolean isReady() {
        return current != null;
    }

    /**
     * Work to do on a newly loaded catalog before it is served (such as rendering the answer most
     * requests ask for), so that the first requests after a reload do not wait for it.
     */
    public void beforeServing(Consumer<Catalog> preparer) {
        preparers.add(preparer);
    }

    /** What to do once another catalog is served (given the one before and the one now served), such as reporting what changed. */
    public void afterReplacing(BiConsumer<Catalog, Catalog> follower) {
        followers.add(follower);
    }

    /** Serves another catalog from now on: prepared first, then swapped in one step, then followed. */
    void replace(Catalog next) {
        for (Consumer<Catalog> preparer : preparers) {
            try {
                preparer.accept(next);
            } catch (RuntimeException e) {
                // Nothing is lost: a request renders what was not prepared (and reports what goes wrong).
                LOG.warnf("Could not prepare the new catalog ahead of requests: %s", e.toString());
            }
        }
        Catalog previous = current;
        current = next;
        for (BiConsumer<Catalog, Catalog> follower : followers) {
            try {
                follower.accept(previous, next);
            } catch (RuntimeException e) {
                LOG.warnf("Could not follow the catalog's change: %s", e.toString());
            }
        }
    }
}

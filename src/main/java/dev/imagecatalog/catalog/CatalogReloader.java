package dev.imagecatalog.catalog;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows the catalog file: a file replaced by rename (as Kubernetes updates a mounted ConfigMap)
 * or rewritten in place is loaded again in the background, checked in full by the same rules as at
 * startup, and served in one step ({@link ServedCatalog#replace}); a file that cannot be served is
 * refused with one WARN line and the last good catalog goes on serving. Changes are seen by polling
 * the file's identity, modification time and size (no file-system events: they miss a replaced
 * symlinked folder), and at once on {@link #reloadNow()} (SIGHUP).
 *
 * <p>Started by the server forms only ({@link #start}); all of its work runs on one thread of its own.
 */
@Singleton
public class CatalogReloader {

    private static final Logger LOG = Logger.getLogger(CatalogReloader.class);
    /** How long a changed file must stay unchanged before it is read: a file being written is not read half-way. */
    static final Duration SETTLE = Duration.ofMillis(150);

    /** What identifies a version of the file: the inode (a rename brings another), when and how much was written. */
    record FileStamp(Object identity, FileTime modified, long size) {
    }

    private final CatalogSource source;
    private final ServedCatalog served;
    private final CatalogStatus status;
    private ScheduledExecutorService worker;
    /** The version of the file last loaded or refused; touched by the worker thread only. */
    private FileStamp seen;
    private boolean saidMissing;

    @Inject
    CatalogReloader(CatalogSource source, ServedCatalog served, CatalogStatus status) {
        this.source = source;
        this.served = served;
        this.status = status;
    }

    CatalogReloader(CatalogSource source, ServedCatalog served) {
        this(source, served, new CatalogStatus());
    }

    /**
     * Starts following the file (nothing to follow for the bundled sample).
     *
     * @param interval how often to look at the file; zero: only on {@link #reloadNow()}
     */
    public synchronized void start(Duration interval) {
        if (worker != null || source.path().isEmpty()) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "catalog-reload");
            thread.setDaemon(true);
            return thread;
        });
        Path path = source.path().get();
        seen = source.loadedStamp(); // the version served: a change made since is seen by the first poll
        if (!interval.isZero() && !interval.isNegative()) {
            long millis = Math.max(1, interval.toMillis());
            worker.scheduleWithFixedDelay(this::checkForChange, millis, millis, TimeUnit.MILLISECONDS);
        }
        LOG.debugf("Following %s (every %s)", path, interval.isZero() ? "SIGHUP only" : interval);
    }

    /** Loads the file again now, changed or not (SIGHUP); returns at once, the work runs in the background. */
    public synchronized void reloadNow() {
        if (worker != null) {
            worker.execute(() -> reload(source.path().get(), "on request"));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (worker != null) {
                worker.shutdownNow();
                worker = null;
            }
        }
    }

    /** One poll: a version of the file not seen before is read once it has settled. */
    private void checkForChange() {
        try {
            checkFile();
        } catch (Throwable e) {
            // Never let one failed look end the polling (a scheduled task that throws is not run again).
            LOG.warnf("Catalog not reloaded, the last good one goes on serving: %s", e.toString());
        }
    }

    private void checkFile() {
        Path path = source.path().get();
        FileStamp now = stampOrNull(path);
        if (now == null) {
            if (!saidMissing) {
                CatalogLog.gone(path.toString());
                status.gone(path.toString(), Instant.now());
                saidMissing = true;
            }
            return;
        }
        if (saidMissing) {
            if (now.equals(seen)) {
                status.back(); // the very file read before: as in sync as it was then
            } // (another one is read below and says how it is)
            saidMissing = false;
        }
        if (now.equals(seen)) {
            return;
        }
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (now.equals(stampOrNull(path))) {
            reload(path, "changed");
        } // still being written: the next poll looks again
    }

    private void reload(Path path, String why) {
        FileStamp stamp = stampOrNull(path);
        long start = System.nanoTime();
        Catalog next;
        try {
            next = CatalogSource.loadFile(path);
        } catch (CatalogException e) {
            seen = stamp; // refused once; a fixed file is another version
            refuse(path, why, e.problem());
            return;
        } catch (Throwable e) {
            seen = stamp;
            refuse(path, why, e.toString());
            return;
        }
        int before = served.current().size();
        status.reloaded(path.toString(), next.size(), Instant.now()); // (first: once it serves, it is described)
        served.replace(next);
        seen = stamp;
        CatalogLog.reloaded(path.toString(), why, next.size(), next.size() - before, (System.nanoTime() - start) / 1_000_000);
    }

    private void refuse(Path path, String why, String problem) {
        status.refused(path.toString(), problem, Instant.now());
        CatalogLog.refused(path.toString(), why, problem);
    }

    /** The file's version now, or null when there is no file to read. */
    static FileStamp stampOrNull(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(Objects.requireNonNullElse(attributes.fileKey(), ""), attributes.lastModifiedTime(),
                    attributes.size());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.imagecatalog.catalog;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator watches about the catalog: what is served (file, images, when it was loaded),
 * how reloads went, and whether the file on disk is the one served. A refused or vanished file
 * leaves the last good catalog serving: this is where that shows, for health checks and metrics.
 */
@Singleton
public class CatalogStatus {

    /** The catalog being served: where it came from, how many images, when it was loaded. */
    public record Loaded(String file, int images, Instant at) {
    }

    /**
     * Why the file on disk is not the catalog served: refused (problem names the image, field and
     * problem) or gone; since when (the first refusal of a run of them).
     */
    public record OutOfSync(String file, String problem, Instant since) {
    }

    private volatile Loaded loaded;
    private volatile OutOfSync outOfSync;
    /** What {@link #outOfSync} was before the file went: it is that again when the same file is back. */
    private OutOfSync beforeGone;
    private boolean gone;
    private final AtomicLong reloadsLoaded = new AtomicLong();
    private final AtomicLong reloadsRefused = new AtomicLong();

    /** The catalog loaded at startup. */
    void started(String file, int images, Instant at) {
        loaded = new Loaded(file, images, at);
    }

    /** A reload that is now served: the file and the catalog agree again. */
    synchronized void reloaded(String file, int images, Instant at) {
        gone = false;
        loaded = new Loaded(file, images, at);
        outOfSync = null;
        reloadsLoaded.incrementAndGet();
    }

    /** A changed file that cannot be served. */
    synchronized void refused(String file, String problem, Instant at) {
        gone = false;
        reloadsRefused.incrementAndGet();
        outOfSync(file, problem, at);
    }

    /** The file is gone (the last good catalog serves until it is back). */
    synchronized void gone(String file, Instant at) {
        if (!gone) {
            gone = true;
            beforeGone = outOfSync;
            outOfSync(file, "the file is gone", at);
        }
    }

    /** The file is there again, unchanged since it was last read: as in sync as it was then. */
    synchronized void back() {
        if (gone) {
            gone = false;
            outOfSync = beforeGone;
        }
    }

    private void outOfSync(String file, String problem, Instant at) {
        OutOfSync before = outOfSync;
        outOfSync = new OutOfSync(file, problem, before == null ? at : before.since());
    }

    /** The catalog served; null until the first one is loaded. */
    public Loaded loaded() {
        return loaded;
    }

    /** Why the file on disk is not what is served, or null when it is. */
    public OutOfSync outOfSync() {
        return outOfSync;
    }

    public long reloadsLoaded() {
        return reloadsLoaded.get();
    }

    public long reloadsRefused() {
        return reloadsRefused.get();
    }
}

package dev.imagecatalog.catalog.events;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.ServedCatalog;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The catalog's changes as image events: each reload's changes ({@link CatalogChanges}) are
 * published to the watchers at once, and the most recent are kept for a later {@code since} (as
 * the daemon keeps its last 256 events: daemon/events/events.go eventsLimit; an older {@code since}
 * gets what is kept, as there). Starts with the service, so that no reload goes unreported.
 */
@Singleton
@Startup
public class EventLog {

    private static final Logger LOG = Logger.getLogger(EventLog.class);

    /** A watcher's hold on the log: what was kept when it came, and how it leaves. */
    public record Subscription(List<ImageEvent> kept, Runnable cancel) {
    }

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<ImageEvent> kept;
    private final List<Consumer<List<ImageEvent>>> watchers = new CopyOnWriteArrayList<>();
    private long lastNano;

    @Inject
    EventLog(ServedCatalog served, @ConfigProperty(name = "api.events.kept", defaultValue = "256") int capacity) {
        this(capacity, Clock.systemUTC());
        served.afterReplacing((before, after) -> publish(CatalogChanges.between(before, after)));
    }

    EventLog(int capacity, Clock clock) {
        this.capacity = Math.max(0, capacity);
        this.clock = clock;
        this.kept = new ArrayDeque<>(Math.min(this.capacity, 4096));
    }

    /** Publishes changes with the time now, each a nanosecond after the one before. */
    public void publish(List<CatalogChanges.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<ImageEvent> events = new ArrayList<>(changes.size());
        List<Consumer<List<ImageEvent>>> to;
        synchronized (this) {
            Instant now = clock.instant();
            long nano = Math.max(now.getEpochSecond() * 1_000_000_000L + now.getNano(), lastNano + 1);
            for (CatalogChanges.Change change : changes) {
                ImageEvent event = new ImageEvent(change.action(), change.actorId(), change.attributes(), nano++);
                events.add(event);
                if (capacity > 0) {
                    if (kept.size() == capacity) {
                        kept.removeFirst();
                    }
                    kept.addLast(event);
                }
            }
            lastNano = nano - 1;
            to = List.copyOf(watchers); // a watcher that comes later has these among the kept ones
        }
        LOG.debugf("Publishing %d image events to %d watchers", events.size(), to.size());
        List<ImageEvent> published = List.copyOf(events);
        for (Consumer<List<ImageEvent>> watcher : to) {
            try {
                watcher.accept(published);
            } catch (RuntimeException e) {
                LOG.debugf("A watcher could not take the events: %s", e.toString());
            }
        }
    }

    /**
     * Joins the watchers: the events kept so far, and from then on every published batch, with
     * nothing lost or repeated between the two.
     */
    public synchronized Subscription subscribe(Consumer<List<ImageEvent>> watcher) {
        watchers.add(watcher);
        return new Subscription(List.copyOf(kept), () -> watchers.remove(watcher));
    }

    /** The events kept now (oldest first). */
    public synchronized List<ImageEvent> kept() {
        return List.copyOf(kept);
    }

    /** How many watchers there are now. */
    public int watchers() {
        return watchers.size();
    }
}

package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.ServingForm;
import dev.imagecatalog.api.http.ApiPaths;
import dev.imagecatalog.api.http.DockerHeaders;
import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.DockerJson;
import dev.imagecatalog.api.json.EventJson;
import dev.imagecatalog.catalog.events.EventLog;
import dev.imagecatalog.catalog.events.ImageEvent;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.QueryParameters;
import dev.imagecatalog.query.events.EventFilter;
import dev.imagecatalog.query.events.EventsQuery;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code GET /events}: the catalog's changes as the daemon's image events ({@link EventLog}). As the
 * daemon answers it (moby 28.x getEvents): the head at once, then one JSON line per event, flushed
 * as it comes; the kept events from {@code since} first; the answer ends when {@code until} has come
 * (at once when it has passed), else it stays open for later reloads' events. A Vert.x route rather
 * than a resource, since the answer is a stream that this route writes itself.
 *
 * <p>Bounds: at most {@code api.events.max-watchers} open streams (more get a 503), by default half of the
 * connections the server takes, so that idle streams never shut other clients out. What a watcher's
 * socket has not taken stays in the published batches, shared by all watchers, so that a slow one
 * holds no copy; one that falls more than {@code api.events.max-pending} events behind is
 * disconnected, and the end of its stream tells it so (the daemon would drop events without a word).
 * An open stream is not closed for being idle. On AWS Lambda, where nothing streams, every request
 * gets the kept events and ends.
 */
@Singleton
public class EventsRoute {

    private static final Logger LOG = Logger.getLogger(EventsRoute.class);
    private static final String EVENTS = "/events";

    private final EventLog log;
    /** The open streams; a batch is rendered once and handed to each on its own event loop. */
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final DockerHeaders headers;
    private final ApiPaths paths;
    private final boolean lambda;
    private final int maxWatchers;
    private final int maxPending;

    EventsRoute(EventLog log, DockerHeaders headers, ApiPaths paths, ServingForm form,
            @ConfigProperty(name = "api.events.max-watchers") java.util.Optional<Integer> maxWatchers,
            @ConfigProperty(name = "api.events.max-pending", defaultValue = "100000") int maxPending,
            @ConfigProperty(name = "quarkus.http.limits.max-connections", defaultValue = "2147483647") int maxConnections) {
        this.log = log;
        this.headers = headers;
        this.paths = paths;
        this.lambda = form.lambda();
        // Past max-connections the server closes new connections unanswered: streams that held them all
        // would shut every other client out, and no watcher past the bound would ever get its 503.
        this.maxWatchers = maxWatchers.orElse(Math.max(1, maxConnections / 2));
        this.maxPending = maxPending;
        if (!lambda && this.maxWatchers > maxConnections / 2) {
            LOG.warnf("api.events.max-watchers (%d) is more than half of quarkus.http.limits.max-connections (%d): "
                    + "open /events streams can take the connections that other requests need", this.maxWatchers, maxConnections);
        }
    }

    /** One JSON line, rendered once for every watcher. */
    private record Line(ImageEvent event, byte[] bytes) {
    }

    void install(@Observes Router router) {
        log.subscribe(this::publish);
        router.route().order(Integer.MIN_VALUE + 2).handler(routing -> {
            ApiPaths.Routed routed = eventsRequest(routing);
            if (routed == null) {
                routing.next();
            } else {
                answer(routing, routed.version());
            }
        });
    }

    /** A GET of the events path, bare or versioned, as routed; null for any other request. */
    private ApiPaths.Routed eventsRequest(RoutingContext routing) {
        String path = routing.request().path();
        if (routing.request().method() != HttpMethod.GET || path == null || !path.endsWith(EVENTS) && !path.contains("%")) {
            return null; // most requests: nothing more to look at
        }
        ApiPaths.Routed routed = paths.routed(path);
        return routed.path().equals(EVENTS) ? routed : null;
    }

    /** @param version the request's version prefix, or null for a bare path */
    private void answer(RoutingContext routing, ApiVersion version) {
        HttpServerResponse response = routing.response();
        EventsQuery query;
        try {
            String unsupported = version == null ? null : version.unsupportedMessage();
            if (unsupported != null) {
                error(response, 400, unsupported);
                return;
            }
            query = EventsQuery.from(QueryParameters.parse(routing.request().query()));
        } catch (InvalidQueryException e) {
            error(response, 400, e.getMessage());
            return;
        }
        long now = nowNano();
        if (lambda || query.onlyPast(now)) {
            Buffer body = Buffer.buffer();
            for (ImageEvent event : query.replay(log.kept())) {
                body.appendBytes(render(event));
            }
            // Chunked, as the daemon always answers: docker-py reads an answer of known length as one JSON value.
            // (Not through AWS Lambda's adapter, which sends a whole body: there docker-py reads one event at most.)
            head(response, 200).putHeader("Content-Type", "application/json").setChunked(!lambda).end(body);
            return;
        }
        if (watchers.size() >= maxWatchers) {
            error(response, 503, "too many event watchers (" + maxWatchers + "): try again later");
            return;
        }
        new Watcher(routing, query, now).start();
    }

    /** The open streams, as {@code /info} counts the daemon's event listeners. */
    public int watcherCount() {
        return watchers.size();
    }

    /** A published batch: rendered once, then taken by each watcher on its event loop. */
    private synchronized void publish(List<ImageEvent> batch) {
        if (watchers.isEmpty()) {
            return;
        }
        List<Line> lines = batch.stream().map(event -> new Line(event, render(event))).toList();
        for (Watcher watcher : watchers) {
            watcher.context.runOnContext(v -> watcher.take(lines));
        }
    }

    /** Joins the watchers: the events kept until now, and every batch published from now on. */
    private synchronized List<ImageEvent> join(Watcher watcher) {
        watchers.add(watcher);
        return log.kept();
    }

    /**
     * One open stream. What its socket has not taken yet stays in the published batches themselves
     * (shared by every watcher: a watcher holds only where it is in them), and is written as the
     * socket drains, many lines a write; its socket's send buffer is kept small, so that the kernel
     * holds little for it either.
     */
    private final class Watcher {
        /** At most this much is written at once; a chunk holds whole lines. */
        private static final int WRITE_BYTES = 16 * 1024;
        /** The kernel's share of what a slow watcher holds (loopback buffers would otherwise grow to megabytes). */
        private static final int SEND_BUFFER_BYTES = 64 * 1024;

        private final RoutingContext routing;
        private final HttpServerResponse response;
        private final EventFilter filter;
        private final EventsQuery query;
        private final long startNano;
        private final Context context;
        /** Published lines not written yet: batches, each with how far this watcher is in it. */
        private final ArrayDeque<List<Line>> batches = new ArrayDeque<>();
        private int inFirst;
        private long behind;
        /** The last event written from the kept ones: a batch published as it joined may hold it again. */
        private long replayedUpTo = Long.MIN_VALUE;
        private long timer = -1;
        private boolean ended;

        Watcher(RoutingContext routing, EventsQuery query, long startNano) {
            this.routing = routing;
            this.response = routing.response();
            this.query = query;
            this.filter = query.filter();
            this.startNano = startNano;
            this.context = Vertx.currentContext();
        }

        void start() {
            keepOpenWhileIdle();
            head(response, 200).putHeader("Content-Type", "application/json").setChunked(true);
            response.setWriteQueueMaxSize(WRITE_BYTES / 2); // a chunk at a time waits in user space, no more
            response.write(Buffer.buffer()); // the head now: a client knows it is watching before any event
            response.closeHandler(v -> end(false));
            response.exceptionHandler(e -> end(false));
            response.drainHandler(v -> drain());
            List<ImageEvent> replay = query.replay(join(this));
            if (!replay.isEmpty()) {
                take(replay.stream().map(event -> new Line(event, render(event))).toList());
                replayedUpTo = replay.get(replay.size() - 1).timeNano();
            }
            if (query.untilNano() != null) {
                long waitMs = Math.max(1, (query.untilNano() - startNano) / 1_000_000);
                timer = routing.vertx().setTimer(waitMs, id -> end(true));
            }
        }

        /** A published batch (or the replay), on this watcher's event loop. */
        void take(List<Line> lines) {
            int first = 0;
            while (first < lines.size() && lines.get(first).event().timeNano() <= replayedUpTo) {
                first++; // written already, from the kept events
            }
            lines = first == 0 ? lines : lines.subList(first, lines.size());
            if (ended || lines.isEmpty()) {
                return;
            }
            batches.addLast(lines);
            behind += lines.size();
            if (behind > maxPending) {
                LOG.infof("An event watcher fell more than %d events behind and was disconnected", maxPending);
                end(false);
                response.close();
                return;
            }
            drain();
        }

        /** Writes what the socket takes, many lines a write, skipping what the filters do not let through. */
        private void drain() {
            while (!ended && !batches.isEmpty() && !response.writeQueueFull()) {
                Buffer chunk = Buffer.buffer(WRITE_BYTES);
                while (!batches.isEmpty() && chunk.length() < WRITE_BYTES) {
                    List<Line> batch = batches.peekFirst();
                    Line line = batch.get(inFirst++);
                    behind--;
                    if (inFirst == batch.size()) {
                        batches.removeFirst();
                        inFirst = 0;
                    }
                    if (filter.includes(line.event())) {
                        chunk.appendBytes(line.bytes());
                    }
                }
                if (chunk.length() > 0) {
                    response.write(chunk);
                }
            }
        }

        private void end(boolean complete) {
            if (ended) {
                return;
            }
            ended = true;
            watchers.remove(this);
            batches.clear();
            if (timer >= 0) {
                routing.vertx().cancelTimer(timer);
            }
            if (complete && !response.ended() && !response.closed()) {
                response.end(); // until has come: the stream ends cleanly
            }
        }

        /**
         * The server's idle timeout would end a quiet stream; the daemon keeps it open until the client
         * goes. And a small send buffer: what a watcher does not read is held here, in shared batches.
         */
        private void keepOpenWhileIdle() {
            if (routing.request().connection() instanceof ConnectionBase connection) {
                try {
                    connection.channel().config().setOption(io.netty.channel.ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES);
                    connection.channel().pipeline().remove(IdleStateHandler.class);
                } catch (RuntimeException none) {
                    // no idle timeout on this connection
                }
            }
        }
    }

    private static byte[] render(ImageEvent event) {
        return EventJson.line(event, EventFilter.TYPE, EventFilter.SCOPE);
    }

    private HttpServerResponse head(HttpServerResponse response, int status) {
        response.setStatusCode(status);
        headers.applyTo(response);
        return response;
    }

    private void error(HttpServerResponse response, int status, String message) {
        head(response, status).putHeader("Content-Type", "application/json").end(Buffer.buffer(DockerJson.error(message)));
    }

    private static long nowNano() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

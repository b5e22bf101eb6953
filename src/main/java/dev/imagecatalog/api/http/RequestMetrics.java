package dev.imagecatalog.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request of the Docker API port that gets an answer, timed into Micrometer's standard
 * {@code http_server_requests_seconds} (count, sum, histogram buckets) with the labels {@code method},
 * {@code outcome}, {@code status} and {@code uri}. Quarkus's own HTTP binder is off
 * ({@code application.properties}): it would label the fast-path route and Image Inspect with raw
 * paths. Here every label is from a fixed set ({@link RouteTemplate}, a known method or
 * {@code OTHER}, a status code), so no request can add a time series, and a request answered at once
 * costs two clock reads and one histogram update: the timers are looked up in an array, never by
 * building a key.
 * Without a registry (the Lambda build, where Micrometer is off), or with {@code api.request-metrics=false}
 * (what the benchmark compares against), nothing is timed.
 */
@Singleton
public class RequestMetrics {

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER"};
    private static final int STATUSES = 500; // 100 to 599

    private final MeterRegistry registry;
    private final ApiPaths paths;
    /** Timers by route, method and status; made on first use. */
    private final AtomicReferenceArray<Timer> timers;

    RequestMetrics(Instance<MeterRegistry> registry, ApiPaths paths,
            @ConfigProperty(name = "api.request-metrics", defaultValue = "true") boolean enabled) {
        this.registry = enabled && registry.isResolvable() ? registry.get() : null;
        this.paths = paths;
        this.timers = new AtomicReferenceArray<>(this.registry == null ? 0 : RouteTemplate.values().length * METHODS.length * STATUSES);
        if (this.registry != null) {
            // The first timer made loads Micrometer's timer and histogram classes: hundreds of
            // milliseconds on a cold JVM, which the first answer would wait for (its bytes leave when
            // the event loop's task ends). Made now, beside the start, instead.
            Thread warmUp = new Thread(() -> timerAt(RouteTemplate.LIST_IMAGES, 0, 200), "request-metrics-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /**
     * Records a request that the routes have just run for: at once when its answer is sent already
     * (the stored-answer route's, an error: two clock reads and one histogram update, nothing
     * registered on the request), else when its response ends (it is being made on a worker, and
     * will be sent from this event loop, after this returns).
     */
    void finish(RoutingContext routing, long start) {
        if (registry == null) {
            return;
        }
        HttpServerResponse response = routing.response();
        if (response.ended()) {
            record(RouteTemplate.of(routing.request().path(), paths), methodIndex(routing.request().method()), response.getStatusCode(),
                    System.nanoTime() - start);
        } else {
            timeUntilEnd(routing, start);
        }
    }

    /**
     * Times a request from {@code start} until its response ends: registered before the request goes
     * on to a route that may answer it from another thread. One whose connection closes first is not
     * counted (it got no status), nor is one the HTTP codec refuses before any route (an oversized
     * request line or header block, a target that is no path).
     */
    void timeUntilEnd(RoutingContext routing, long start) {
        if (registry == null) {
            return;
        }
        RouteTemplate route = RouteTemplate.of(routing.request().path(), paths);
        int method = methodIndex(routing.request().method());
        routing.addEndHandler(ended -> {
            if (ended.succeeded()) { // (failed: the connection closed before the answer ended; no status was sent)
                record(route, method, routing.response().getStatusCode(), System.nanoTime() - start);
            }
        });
    }

    void record(RouteTemplate route, int method, int status, long nanos) {
        if (status < 100 || status > 599) {
            return; // no such HTTP status: nothing a client received
        }
        timerAt(route, method, status).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timerAt(RouteTemplate route, int method, int status) {
        int slot = (route.ordinal() * METHODS.length + method) * STATUSES + (status - 100);
        Timer timer = timers.get(slot);
        if (timer == null) {
            timer = timer(route, METHODS[method], status);
            timers.set(slot, timer); // (the registry hands out one timer per name and labels: a race makes no second)
        }
        return timer;
    }

    private Timer timer(RouteTemplate route, String method, int status) {
        return Timer.builder("http.server.requests")
                .description("Requests to the Docker API port")
                .tag("method", method)
                .tag("outcome", outcome(status))
                .tag("status", Integer.toString(status))
                .tag("uri", route.label)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)) // a stored answer leaves in tens of microseconds
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    static int methodIndex(HttpMethod method) {
        String name = method.name();
        for (int i = 0; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(name)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    /** Micrometer's standard outcome of a status. */
    static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            default -> "SERVER_ERROR";
        };
    }
}

package dev.imagecatalog.api.http;

import dev.imagecatalog.api.json.DockerJson;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The routes around the resources, so that every answer is the daemon's {@code {"message"}} JSON:
 * <ul>
 * <li>first, the request is checked against the {@link RequestLimits}, then its target's path for broken percent escapes (the query's are
 * reported by {@code QueryParameters}), which would otherwise fail deep in routing, and an unclean
 * path is answered {@code 301} to the clean one, as the daemon's router does ({@link CleanPath}); an
 * answer given here is timed here ({@link RequestMetrics}), any other by the stored-answer route;</li>
 * <li>last, a request that no resource takes gets {@code 404 page not found};</li>
 * <li>and any failure inside routing becomes a JSON error, never the HTTP server's own page.</li>
 * </ul>
 */
@Singleton
public class EdgeRoutes {

    private static final Logger LOG = Logger.getLogger(EdgeRoutes.class);
    /**
     * Bytes, wrapped in a new buffer per answer: Quarkus initialises this class while a native image
     * is built, and a Vert.x buffer held from then fails the build (NativeReadinessTest).
     */
    private static final byte[] PAGE_NOT_FOUND = DockerJson.error(Errors.PAGE_NOT_FOUND);

    void install(@Observes Router router, DockerHeaders headers, RequestLimits limits, RequestMetrics metrics, ApiPaths paths) {
        router.route().order(Integer.MIN_VALUE).handler(routing -> {
            long start = System.nanoTime();
            if (answered(routing, headers, limits, paths)) {
                metrics.finish(routing, start); // (sent already: recorded now)
            } else {
                routing.next(); // the stored-answer route next, which times what goes on from here
            }
        });
        router.route().last().handler(routing -> answer(routing, headers, 404, Buffer.buffer(PAGE_NOT_FOUND)));
        router.route().failureHandler(routing -> {
            int status = routing.statusCode();
            if (routing.failure() instanceof dev.imagecatalog.catalog.CatalogException unreadable) {
                LOG.errorf("Cannot answer a request: %s", unreadable.getMessage()); // its one line, no trace
                answer(routing, headers, 500, Buffer.buffer(DockerJson.error("internal server error")));
            } else if (status < 400 || status >= 500) {
                LOG.error("Unexpected failure while routing a request", routing.failure());
                answer(routing, headers, 500, Buffer.buffer(DockerJson.error("internal server error")));
            } else if (status == 404) { // no route: a target that is no path, such as *
                answer(routing, headers, 404, Buffer.buffer(PAGE_NOT_FOUND));
            } else {
                String reason = HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT);
                answer(routing, headers, status, Buffer.buffer(DockerJson.error(reason)));
            }
        });
    }

    /** The checks before routing: true when one of them answered the request. */
    private static boolean answered(RoutingContext routing, DockerHeaders headers, RequestLimits limits, ApiPaths paths) {
        String readOnly = writeRefusal(routing, paths);
        if (readOnly != null) {
            refuse(routing, headers, 403, readOnly, hasBody(routing));
            return true;
        }
        RequestLimits.Refusal refusal = limits.check(routing.request());
        if (refusal != null) {
            refuse(routing, headers, refusal.status(), refusal.message(), true);
            return true;
        }
        String badEscape = badPercentEscape(routing.request().uri());
        if (badEscape != null) {
            answer(routing, headers, 400, Buffer.buffer(DockerJson.error("invalid URL escape \"" + badEscape + "\"")));
            return true;
        }
        String cleanTarget = cleanTarget(routing.request().path(), routing.request().query());
        if (cleanTarget != null) {
            moved(routing, headers, cleanTarget);
            return true;
        }
        return false;
    }

    /** A refusal before routing; with {@code close}, the rest of the request is not read: the connection ends with the answer. */
    private static void refuse(RoutingContext routing, DockerHeaders headers, int status, String message, boolean close) {
        if (!close) {
            answer(routing, headers, status, Buffer.buffer(DockerJson.error(message)));
            return;
        }
        routing.response().putHeader("Connection", "close");
        HttpConnection connection = routing.request().connection();
        answer(routing, headers, status, Buffer.buffer(DockerJson.error(message)))
                .onComplete(written -> {
                    if (connection != null) {
                        connection.close();
                    }
                });
    }

    /**
     * The refusal of a write route of the daemon ({@link ReadOnlyRoutes}), bare or versioned, whatever its
     * version (the daemon's authorization runs before its version check); null for any other request,
     * and for a path that is not clean (its 301 comes first, as the daemon's router redirects first).
     */
    private static String writeRefusal(RoutingContext routing, ApiPaths paths) {
        HttpMethod method = routing.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.DELETE) {
            return null;
        }
        String raw = routing.request().path();
        if (raw == null || !raw.startsWith("/") || badPercentEscape(routing.request().uri()) != null
                || cleanTarget(raw, null) != null) {
            return null;
        }
        return ReadOnlyRoutes.refusal(method.name(), paths.routed(raw).path());
    }

    private static boolean hasBody(RoutingContext routing) {
        String length = routing.request().getHeader("Content-Length");
        return (length != null && !length.strip().equals("0")) || routing.request().getHeader("Transfer-Encoding") != null;
    }

    private static Future<Void> answer(RoutingContext routing, DockerHeaders headers, int status, Buffer body) {
        var response = routing.response();
        if (response.headWritten()) {
            response.close(); // too late for an error answer: end the connection rather than lie
            return Future.succeededFuture();
        }
        response.setStatusCode(status);
        headers.applyTo(response);
        return response.putHeader("Content-Type", "application/json").end(body);
    }

    /**
     * Where a request with an unclean path moves to: the cleaned, re-escaped path and the query as
     * sent; null when the path is clean already (or is not a path, such as {@code *}).
     */
    static String cleanTarget(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return null;
        }
        String path = CleanPath.decode(rawPath);
        String cleaned = CleanPath.clean(path);
        if (cleaned.equals(path)) {
            return null;
        }
        return CleanPath.escape(cleaned) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    private static void moved(RoutingContext routing, DockerHeaders headers, String location) {
        var response = routing.response();
        response.setStatusCode(301);
        headers.applyTo(response);
        response.putHeader("Location", location).putHeader("Content-Length", "0").end();
    }

    /**
     * The first broken escape in the path of a request target ({@code %} not followed by two hex
     * digits), as Go's URL parser reports it; null when there is none.
     */
    static String badPercentEscape(String target) {
        int end = target.length();
        for (int i = 0; i < end; i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return null;
            }
            if (c == '%') {
                if (i + 2 >= end || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return target.substring(i, Math.min(i + 3, end));
                }
            }
        }
        return null;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

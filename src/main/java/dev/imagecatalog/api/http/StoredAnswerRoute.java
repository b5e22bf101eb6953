package dev.imagecatalog.api.http;

import dev.imagecatalog.api.answers.FilteredAnswers;
import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.answers.ServingForm;
import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.ResponseShape;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.InvalidReferenceException;
import dev.imagecatalog.catalog.NoSuchImageException;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.InvalidQueryException;
import dev.imagecatalog.query.QueryParameters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The fast path: {@code GET /images/json}, bare or versioned, answered with stored bytes straight
 * from a Vert.x route, ahead of the REST layer: without filters the catalog's stored answers
 * ({@link UnfilteredAnswers}), with filters the answer cache ({@link FilteredAnswers}; a query not
 * kept yet is made on a worker and kept). Anything else, including every request this route cannot tell
 * apart from one it serves (an escape in the path, a parameter it cannot read), goes on to the
 * resources, where the same rules answer it. A stored answer not rendered yet is rendered by an
 * {@link AnswerMakers answer maker}, never on the event loop; a snapshot's compiled answer not read
 * yet is sent to its first client while it is read ({@link AnswerStream}). Every request that gets past {@link EdgeRoutes} is timed
 * here ({@link RequestMetrics}): a stored answer when it is sent, anything else until its response ends.
 */
@Singleton
public class StoredAnswerRoute {

    private static final String LIST_IMAGES = "/images/json";
    private static final ResponseShape BARE_SHAPE = ResponseShape.of(ApiVersion.CURRENT);

    void install(@Observes Router router, ApiPaths paths, ServedCatalog served, UnfilteredAnswers unfiltered,
            FilteredAnswers filtered, ServingForm form, DockerHeaders headers, RequestMetrics metrics, AnswerMakers makers) {
        boolean lambda = form.lambda();
        router.route().order(Integer.MIN_VALUE + 1).handler(routing -> {
            long start = System.nanoTime();
            ResponseShape shape = shapeOf(routing.request(), paths);
            if (shape == null) {
                // Another request: timed before it goes on (a resource may answer it on a worker at once).
                handOn(routing, metrics, start);
                return;
            }
            if (answer(routing, shape, served, unfiltered, filtered, lambda, headers, makers, metrics, start)) {
                return; // handed on to the resources, timed until its response ends
            }
            // Sent already (recorded now), or to be sent from this event loop once a worker is done
            // (which cannot happen before this returns: timed until its response ends).
            metrics.finish(routing, start);
        });
    }

    /**
     * Answers from the catalog being served (it is there: no wait), or hands the request on to the
     * resources; then true. A request handed on while the route runs is timed first (a resource may
     * answer it on a worker at once): {@code metrics}, or null when it is timed already.
     */
    private static boolean answer(RoutingContext routing, ResponseShape shape, ServedCatalog served, UnfilteredAnswers unfiltered,
            FilteredAnswers filtered, boolean lambda, DockerHeaders headers, AnswerMakers makers, RequestMetrics metrics, long start) {
        Catalog catalog = served.current(); // one catalog for the whole request
        String rawQuery = routing.request().query();
        boolean all = false; // no query: no filter, no all (most requests: nothing to parse)
        if (rawQuery != null && !rawQuery.isEmpty()) {
            QueryParameters params;
            try {
                params = QueryParameters.parse(rawQuery);
                if (params.first("filters").orElse("").isEmpty() && params.first("filter").orElse("").isEmpty()) {
                    ImageQuery query = ImageQuery.from(params, catalog, Instant.now());
                    if (!query.unfiltered()) {
                        return handOn(routing, metrics, start);
                    }
                    all = query.all();
                    params = null;
                }
            } catch (RuntimeException e) {
                return handOn(routing, metrics, start); // the resource reports it in the daemon's words
            }
            if (params != null) {
                answerFiltered(routing, shape, catalog, params, rawQuery, filtered, lambda, headers, makers);
                return false;
            }
        }
        boolean withAll = all;
        RenderedAnswer stored = unfiltered.ifRendered(catalog, shape, withAll);
        if (stored != null) {
            send(routing, stored, lambda, headers, makers);
            return false;
        } else {
            makers.make(() -> unfiltered.get(catalog, shape, withAll)).onComplete(rendered -> {
                if (rendered.succeeded()) {
                    send(routing, rendered.result(), lambda, headers, makers);
                } else {
                    routing.fail(rendered.cause());
                }
            });
            return false;
        }
    }

    private static boolean handOn(RoutingContext routing, RequestMetrics metrics, long start) {
        if (metrics != null) {
            metrics.timeUntilEnd(routing, start);
        }
        routing.next();
        return true;
    }

    /**
     * A filtered request: the answer kept for this very query string is sent at once; any other is
     * made on a worker (a before/since name to look up, perhaps, and megabytes to write) and kept,
     * and a query that cannot be answered goes on to the resource, which says why in the daemon's words.
     */
    private static void answerFiltered(RoutingContext routing, ResponseShape shape, Catalog catalog, QueryParameters params,
            String rawQuery, FilteredAnswers filtered, boolean lambda, DockerHeaders headers, AnswerMakers makers) {
        boolean gzip = HttpAnswers.acceptsGzip(routing.request().headers().get(HttpHeaders.ACCEPT_ENCODING));
        RenderedAnswer kept = filtered.ifKept(catalog, shape, rawQuery, gzip);
        if (kept != null) {
            send(routing, kept, lambda, headers, makers);
            return;
        }
        makers.make(() -> filtered.answer(catalog, shape, ImageQuery.from(params, catalog, Instant.now()), rawQuery, gzip))
                .onComplete(made -> {
                    if (made.succeeded()) {
                        send(routing, made.result(), lambda, headers, makers);
                    } else if (made.cause() instanceof InvalidQueryException || made.cause() instanceof InvalidReferenceException
                            || made.cause() instanceof NoSuchImageException) {
                        routing.next(); // the resource says why, in the daemon's words (nothing is written yet)
                    } else {
                        routing.fail(made.cause());
                    }
                });
    }

    /** The response shape of a List Images GET this route serves, or null when it is another request. */
    private static ResponseShape shapeOf(HttpServerRequest request, ApiPaths paths) {
        String path = request.path();
        if (request.method() != HttpMethod.GET || path == null) {
            return null;
        }
        String withoutBase = paths.withoutBase(path);
        if (withoutBase != null) {
            path = withoutBase;
        }
        if (path.equals(LIST_IMAGES)) {
            return BARE_SHAPE;
        }
        ApiPaths.Versioned versioned = ApiPaths.versioned(path);
        if (versioned == null || !versioned.rest().equals(LIST_IMAGES) || versioned.version().unsupportedMessage() != null) {
            return null;
        }
        return ResponseShape.of(versioned.version());
    }

    private static void send(RoutingContext routing, RenderedAnswer answer, boolean lambda, DockerHeaders headers, AnswerMakers makers) {
        var request = routing.request().headers();
        String acceptEncoding = request.get(HttpHeaders.ACCEPT_ENCODING);
        String ifNoneMatch = request.get(HttpHeaders.IF_NONE_MATCH);
        boolean gzip = HttpAnswers.compresses(answer, acceptEncoding, lambda, true);
        if (!answer.ready(gzip) && !HttpAnswers.notModified(answer, ifNoneMatch)) {
            var pieces = lambda ? null : answer.claimStream(gzip); // (AWS Lambda sends a body whole)
            if (pieces != null) {
                AnswerStream.send(routing, answer, gzip, pieces, headers);
                return;
            }
            // The form this client gets is made (gzip: megabytes to deflate) or read (a snapshot's) once, on
            // first use: never on the event loop.
            makers.make(() -> {
                answer.prepare(gzip);
                return null;
            }).onComplete(made -> {
                if (made.succeeded()) {
                    HttpAnswers.send(routing, answer, acceptEncoding, ifNoneMatch, lambda, headers);
                } else {
                    routing.fail(made.cause());
                }
            });
            return;
        }
        HttpAnswers.send(routing, answer, acceptEncoding, ifNoneMatch, lambda, headers);
    }
}

package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.FilteredAnswers;
import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.answers.ServingForm;
import dev.imagecatalog.api.answers.UnfilteredAnswers;
import dev.imagecatalog.api.http.HttpAnswers;
import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.http.StoredAnswerRoute;
import dev.imagecatalog.api.json.ResponseShape;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.QueryParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * {@code GET /images/json}: the Docker Engine API's List Images, answered from the catalog. Most
 * requests are answered by {@link StoredAnswerRoute} before they get here; this resource answers
 * what that route hands on (a query it cannot read, an error to report in the daemon's words).
 */
@Path("/images/json")
public class ImagesResource {

    private final ServedCatalog served;
    private final UnfilteredAnswers unfiltered;
    private final FilteredAnswers filtered;
    private final ServingForm form;

    ImagesResource(ServedCatalog served, UnfilteredAnswers unfiltered, FilteredAnswers filtered, ServingForm form) {
        this.served = served;
        this.unfiltered = unfiltered;
        this.filtered = filtered;
        this.form = form;
    }

    /**
     * Up to this many images, a whole answer is rendered in well under a millisecond or two: on the
     * event loop, where a worker's hand-off would cost more than the work. Beyond, never there.
     */
    static final int EVENT_LOOP_IMAGES = 500;

    @GET
    public Uni<Response> list(@Context RoutingContext routing) {
        // A filtered answer may take long (megabytes, an index built or a snapshot section read on
        // first use): then on a worker, never on the event loop.
        boolean small = served.current().size() <= EVENT_LOOP_IMAGES;
        return OffTheEventLoop.answer(small, () -> answer(routing, served.current()));
    }

    /** Parse the parameters, select the images, write the answer: each step in its own place. */
    private Response answer(RoutingContext routing, Catalog catalog) {
        QueryParameters params = RequestPath.query(routing);
        ResponseShape shape = ResponseShape.of(RequestPath.version(routing));
        ImageQuery query = ImageQuery.from(params, catalog, Instant.now());
        RenderedAnswer answer = query.unfiltered()
                ? unfiltered.get(catalog, shape, query.all()) // the fast path: stored bytes
                : filtered.answer(catalog, shape, query, routing.request().query(),
                        !form.lambda() && HttpAnswers.acceptsGzip(routing.request().headers().get("Accept-Encoding")));
        return HttpAnswers.of(answer, routing, form.lambda());
    }
}

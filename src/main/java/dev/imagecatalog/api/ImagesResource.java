package dev.imagecatalog.api;

import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.query.ImageQuery;
import dev.imagecatalog.query.ImageSelector;
import dev.imagecatalog.query.QueryParameters;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** {@code GET /images/json}: the Docker Engine API's List Images, answered from the catalog. */
@Path("/images/json")
public class ImagesResource {

    private final Catalog catalog;
    private final UnfilteredAnswers unfiltered;
    private final ServingForm form;

    ImagesResource(Catalog catalog, UnfilteredAnswers unfiltered, ServingForm form) {
        this.catalog = catalog;
        this.unfiltered = unfiltered;
        this.form = form;
    }

    /** Parse the parameters, select the images, write the answer: each step in its own place. */
    @GET
    @NonBlocking // in-memory work only: no reason to leave the I/O thread
    public Response list(@Context RoutingContext routing) {
        QueryParameters params = RequestPath.query(routing);
        ResponseShape shape = ResponseShape.of(RequestPath.version(routing));
        ImageQuery query = ImageQuery.from(params, catalog, Instant.now());
        RenderedAnswer answer = query.unfiltered()
                ? unfiltered.get(shape, query.all()) // the fast path: stored bytes
                : RenderedAnswer.once(DockerJson.images(ImageSelector.select(catalog, query), shape));
        var headers = routing.request().headers();
        return HttpAnswers.of(answer, headers.get("Accept-Encoding"), headers.get("If-None-Match"), form.lambda());
    }
}

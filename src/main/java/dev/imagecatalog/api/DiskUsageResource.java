package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.DiskUsageAnswers;
import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.answers.ServingForm;
import dev.imagecatalog.api.http.HttpAnswers;
import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.json.ApiVersion;
import dev.imagecatalog.api.json.ResponseShape;

import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.query.DiskUsageTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /system/df}: what {@code docker system df} shows, from the catalog (see
 * {@link DiskUsageAnswers} for the body). {@code type} is read from API 1.42, as the daemon does.
 */
@Path("/system/df")
public class DiskUsageResource {

    private final ServedCatalog served;
    private final ServingForm form;

    DiskUsageResource(ServedCatalog served, ServingForm form) {
        this.served = served;
        this.form = form;
    }

    @GET
    public Uni<Response> diskUsage(@Context RoutingContext routing) {
        // Rendered once per catalog and version: a large one on a worker, never on the event loop.
        boolean small = served.current().size() <= ImagesResource.EVENT_LOOP_IMAGES;
        return OffTheEventLoop.answer(small, () -> answer(routing));
    }

    private Response answer(RoutingContext routing) {
        ApiVersion version = RequestPath.version(routing);
        DiskUsageTypes parts = DiskUsageTypes.from(RequestPath.query(routing), !version.isBefore("1.42"));
        RenderedAnswer answer = DiskUsageAnswers.of(served.current(), ResponseShape.of(version), parts, !version.isBefore("1.42"));
        return HttpAnswers.of(answer, routing, form.lambda());
    }
}

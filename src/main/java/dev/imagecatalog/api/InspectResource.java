package dev.imagecatalog.api;

import dev.imagecatalog.api.answers.RenderedAnswer;
import dev.imagecatalog.api.answers.ServingForm;
import dev.imagecatalog.api.http.Errors;
import dev.imagecatalog.api.http.HttpAnswers;
import dev.imagecatalog.api.http.RequestPath;
import dev.imagecatalog.api.json.InspectJson;
import dev.imagecatalog.api.json.InspectShape;

import dev.imagecatalog.catalog.ServedCatalog;
import dev.imagecatalog.catalog.Catalog;
import dev.imagecatalog.catalog.CatalogImage;
import dev.imagecatalog.query.ImageNames;
import dev.imagecatalog.query.InspectQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /images/{name}/json}: the Docker Engine API's Image Inspect, answered from the catalog.
 * {@link RequestPath} routes it here, with the name set aside (a name may hold slashes).
 */
@Path(RequestPath.INSPECT_PATH)
public class InspectResource {

    private final ServedCatalog served;
    private final ServingForm form;

    InspectResource(ServedCatalog served, ServingForm form) {
        this.served = served;
        this.form = form;
    }

    /** Parse the parameters, resolve the name, check the platform, write the answer: in moby's order. */
    @GET
    public Uni<Response> inspect(@Context RoutingContext routing) {
        String name = RequestPath.imageName(routing);
        // A lookup in the indexes and a small answer, unless a snapshot's index sections are still to
        // be read or the ids must be sorted for a first short id.
        Catalog catalog = served.current();
        boolean small = catalog.lookupsReady() && (name == null || catalog.idPrefixesReady() || !ImageNames.mayNeedIdPrefix(name));
        return OffTheEventLoop.answer(small, () -> answer(routing, catalog));
    }

    private Response answer(RoutingContext routing, Catalog catalog) {
        String name = RequestPath.imageName(routing);
        if (name == null) {
            return Errors.response(404, Errors.PAGE_NOT_FOUND); // the internal path, asked for by its own name
        }
        InspectShape shape = InspectShape.of(RequestPath.version(routing));
        InspectQuery query = InspectQuery.from(RequestPath.query(routing), shape.descriptors, shape.platformParameter);
        CatalogImage image = ImageNames.resolve(catalog, name);
        if (query.platform() != null && !query.platform().matches(image.os(), image.architecture())) {
            return Errors.response(404, "image with reference " + name + " was found but its platform (" + image.os()
                    + "/" + image.architecture() + ") does not match the specified platform (" + query.platform().format() + ")");
        }
        RenderedAnswer answer = RenderedAnswer.tagged(InspectJson.image(image, shape, query.manifests()));
        return HttpAnswers.of(answer, routing, form.lambda());
    }
}

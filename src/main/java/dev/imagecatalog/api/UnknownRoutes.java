package dev.imagecatalog.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A request that no resource takes falls through to the router: it gets the daemon's
 * {@code 404 {"message":"page not found"}} rather than the HTTP server's own page.
 */
@Singleton
public class UnknownRoutes {

    private static final byte[] PAGE_NOT_FOUND = DockerJson.error(Errors.PAGE_NOT_FOUND);

    void install(@Observes Router router, DockerHeaders headers) {
        router.route().last().handler(routing -> {
            var response = routing.response().setStatusCode(404);
            headers.applyTo(response::putHeader);
            response.putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(PAGE_NOT_FOUND));
        });
    }
}

package dev.imagecatalog.api.http;

import dev.imagecatalog.api.json.DockerJson;

import dev.imagecatalog.catalog.CatalogException;
import dev.imagecatalog.catalog.InvalidReferenceException;
import dev.imagecatalog.catalog.NoSuchImageException;
import dev.imagecatalog.query.InvalidQueryException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.handler.HttpException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error is {@code {"message": ...}} with the daemon's status code, at every API version.
 * One place maps each failure to its status; nothing else reaches a client, never a stack trace.
 */
public class Errors {

    public static final String PAGE_NOT_FOUND = "page not found";
    private static final Logger LOG = Logger.getLogger(Errors.class);

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(DockerJson.error(message)).build();
    }

    @ServerExceptionMapper
    public Response badQuery(InvalidQueryException e) {
        return response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badReference(InvalidReferenceException e) {
        return response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response noSuchImage(NoSuchImageException e) {
        return response(404, e.getMessage());
    }

    /** An object the daemon does not hold (a container, a volume, a network). */
    @ServerExceptionMapper
    public Response notFound(dev.imagecatalog.query.NotFoundException e) {
        return response(404, e.getMessage());
    }

    /** The daemon answers an unknown route and a known route with another method alike. */
    @ServerExceptionMapper({NotFoundException.class, NotAllowedException.class})
    public Response pageNotFound(WebApplicationException e) {
        return response(404, PAGE_NOT_FOUND);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return response(status, status >= 500 ? "internal server error" : Response.Status.fromStatusCode(status) == null
                ? "request refused" : Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase());
    }

    /** A request the HTTP layer itself cannot take (it says which 4xx); anything else is unexpected. */
    @ServerExceptionMapper
    public Response http(HttpException e) {
        if (e.getStatusCode() < 400 || e.getStatusCode() >= 500) {
            return unexpected(e);
        }
        return response(e.getStatusCode(), HttpResponseStatus.valueOf(e.getStatusCode()).reasonPhrase().toLowerCase(Locale.ROOT));
    }

    /**
     * The catalog being served cannot answer (a snapshot section found damaged, which also stops the
     * service, or a file that cannot be read any more): its one line in the log, no trace.
     */
    @ServerExceptionMapper
    public Response catalogUnreadable(CatalogException e) {
        LOG.errorf("Cannot answer a request: %s", e.getMessage());
        return response(500, "internal server error");
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure while answering a request", e);
        return response(500, "internal server error");
    }
}
